// A lean `fetch` for the Web API client and response_url posts. Node's built-in fetch costs
// about three times the CPU of a plain node:http request with a kept-alive connection; every
// answer makes at least one such call, and that CPU is taken from acknowledging the next
// command. Only what the Slack clients send is handled here (a POST or GET with a string body);
// anything else goes to the built-in fetch.

import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { webApi } from '@slack/bolt';

/** Without a caller's own deadline, a request is given up after this long. */
export const DEFAULT_TIMEOUT_MS = 30_000;

type Init = Parameters<webApi.FetchFunction>[1];

const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

export function createHttpFetch(): webApi.FetchFunction & ((url: string | URL, init?: Init) => Promise<Response>) {
  const agents = {
    'http:': new HttpAgent({ keepAlive: true, maxSockets: 64 }),
    'https:': new HttpsAgent({ keepAlive: true, maxSockets: 64 }),
  };

  return function slackFetch(input: string | URL, init: Init = {}): Promise<Response> {
    const url = typeof input === 'string' ? new URL(input) : input;
    const body = init.body;
    const protocol = url.protocol;
    if ((protocol !== 'http:' && protocol !== 'https:') || (body !== undefined && typeof body !== 'string')) {
      return globalThis.fetch(input, init as RequestInit);
    }
    const signal = init.signal;
    if (signal?.aborted) return Promise.reject(signal.reason ?? new Error('aborted'));

    return new Promise<Response>((resolve, reject) => {
      const headers: Record<string, string | number> = { ...(init.headers ?? {}) };
      if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
      const send = protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(
        url,
        { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, agent: agents[protocol], timeout: DEFAULT_TIMEOUT_MS },
        (res: IncomingMessage) => {
          const status = res.statusCode ?? 0;
          if (status >= 300 && status < 400 && res.headers.location) {
            res.resume();
            // Slack's clients ask for redirect: "error"; anything else is the built-in fetch's job.
            if (init.redirect === 'error' || init.redirect === undefined) reject(new TypeError(`fetch failed: redirected to ${res.headers.location}`));
            else globalThis.fetch(input, init as RequestInit).then(resolve, reject);
            return;
          }
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const responseHeaders = new Headers();
            for (const [k, v] of Object.entries(res.headers)) {
              if (Array.isArray(v)) for (const item of v) responseHeaders.append(k, item);
              else if (v !== undefined) responseHeaders.set(k, v);
            }
            const payload = NULL_BODY_STATUS.has(status) ? null : Buffer.concat(chunks);
            resolve(new Response(payload, { status, statusText: res.statusMessage ?? '', headers: responseHeaders }));
          });
        },
      );
      const onAbort = () => req.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('close', () => signal?.removeEventListener('abort', onAbort));
      req.on('timeout', () => req.destroy(new Error(`no answer within ${DEFAULT_TIMEOUT_MS / 1000} s`)));
      req.on('error', (err) => reject(new TypeError('fetch failed', { cause: err })));
      req.end(body);
    });
  };
}
