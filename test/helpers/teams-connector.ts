// A local stand-in for the Bot Connector service (and, when asked, the key endpoint of the
// Bot Framework login): records every request the bot makes and answers like Teams does.

import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: any;
  /** The id the stand-in gave a posted activity (what Teams later sends as replyToId). */
  answeredId?: string;
}

export interface ConnectorFailure {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface ConnectorStandIn {
  /** The serviceUrl to put in activities, e.g. http://127.0.0.1:1234/teams */
  serviceUrl: string;
  /** The stand-in's origin, e.g. http://127.0.0.1:1234 */
  origin: string;
  requests: RecordedRequest[];
  /** Activities posted to /v3/conversations/{id}/activities[/{replyToId}]. */
  activities(): Array<{ conversationId: string; replyToIdInPath?: string; activity: any; headers: http.IncomingHttpHeaders; id?: string }>;
  /** Activities replaced with PUT /v3/conversations/{id}/activities/{activityId}. */
  updates(): Array<{ conversationId: string; activityId: string; activity: any }>;
  /** Answer posts to this conversation with an error instead of {id}. */
  failConversation(conversationId: string, failure: ConnectorFailure): void;
  /** Serve these JSON Web Keys at /v1/.well-known/keys (and the OpenID metadata next to it). */
  serveKeys(jwks: { keys: unknown[] }): void;
  close(): Promise<void>;
}

export async function startConnectorStandIn(): Promise<ConnectorStandIn> {
  const requests: RecordedRequest[] = [];
  const failures = new Map<string, ConnectorFailure>();
  let jwks: { keys: unknown[] } | undefined;
  let next = 1;

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: any = raw;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      // keep raw text
    }
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    const recorded: RecordedRequest = { method: req.method ?? '', path, headers: req.headers, body };
    requests.push(recorded);

    const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(value));
    };

    if (jwks && path === '/v1/.well-known/keys') return json(200, jwks);
    if (jwks && path === '/v1/.well-known/openidconfiguration') {
      return json(200, { issuer: 'https://api.botframework.com', jwks_uri: `http://${req.headers.host}/v1/.well-known/keys` });
    }
    // Creating a personal chat with a user (proactive messages): Teams answers with its id.
    if (req.method === 'POST' && path === '/teams/v3/conversations') {
      const member = body?.members?.[0]?.id as string | undefined;
      if (!member || member.startsWith('29:outside')) return json(403, { error: { code: 'Forbidden', message: 'user not in tenant' } });
      return json(201, { id: `a:dm-${member}` });
    }
    const m = /^\/teams\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
    if (req.method === 'PUT' && m && m[2]) {
      return json(200, { id: m[2] });
    }
    if (req.method === 'POST' && m) {
      const failure = failures.get(m[1]!);
      if (failure) return json(failure.status, failure.body ?? { error: { code: 'Failure', message: 'stand-in failure' } }, failure.headers);
      recorded.answeredId = `sent-${next++}`;
      return json(200, { id: recorded.answeredId });
    }
    json(404, { error: { code: 'NotFound', message: `stand-in has no ${req.method} ${path}` } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    serviceUrl: `${origin}/teams`,
    origin,
    requests,
    activities() {
      return requests.flatMap((r) => {
        const m = /^\/teams\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(r.path);
        if (r.method !== 'POST' || !m) return [];
        return [{ conversationId: m[1]!, ...(m[2] ? { replyToIdInPath: m[2] } : {}), activity: r.body, headers: r.headers, ...(r.answeredId ? { id: r.answeredId } : {}) }];
      });
    },
    updates() {
      return requests.flatMap((r) => {
        const m = /^\/teams\/v3\/conversations\/([^/]+)\/activities\/([^/]+)$/.exec(r.path);
        return r.method === 'PUT' && m ? [{ conversationId: m[1]!, activityId: m[2]!, activity: r.body }] : [];
      });
    },
    failConversation(conversationId, failure) {
      failures.set(conversationId, failure);
    },
    serveKeys(keys) {
      jwks = keys;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
