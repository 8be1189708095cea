// Bot Framework tokens for tests: our own RSA key, published as JWKS by the connector
// stand-in, so token validation runs for real without reaching login.botframework.com.

import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

export interface TestSigner {
  kid: string;
  jwks: { keys: unknown[] };
  token(claims: Record<string, unknown>): string;
}

function b64url(value: Buffer | string): string {
  return Buffer.from(value).toString('base64url');
}

export function createSigner(kid = 'test-key-1'): TestSigner {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return signerFor(privateKey, kid);
}

export function signerFor(privateKey: KeyObject, kid: string): TestSigner {
  const jwk = createPublicKey(createPrivateKey(privateKey.export({ format: 'pem', type: 'pkcs8' }))).export({ format: 'jwk' });
  return {
    kid,
    jwks: { keys: [{ ...jwk, kid, use: 'sig', alg: 'RS256' }] },
    token(claims) {
      const now = Math.floor(Date.now() / 1000);
      const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
      const payload = b64url(JSON.stringify({ iat: now, nbf: now - 5, exp: now + 3600, ...claims }));
      const signature = sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), privateKey);
      return `${header}.${payload}.${b64url(signature)}`;
    },
  };
}
