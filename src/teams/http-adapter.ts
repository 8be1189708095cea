// The HTTP side of the Teams endpoint: a small adapter for the Teams SDK on node:http, so we
// choose the address it binds to (the SDK's Express adapter listens on all interfaces, and
// App.start() reads PORT from the environment). The SDK still does the protocol work:
// JWT validation, routing, replies.
//
// Before the SDK sees a request, the adapter refuses what is not a Bot Framework activity,
// with a Danish message: wrong path or method, not JSON, broken JSON, too large. Browsers
// cannot send `application/json` to another origin without a CORS preflight, which we never
// answer, so a web page cannot talk to a local, unauthenticated bot (and the guard for local
// mode also checks the Host header, against DNS rebinding).

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeServer } from '../shutdown.ts';
import type { HttpMethod, HttpRouteHandler, IHttpServerAdapter } from '@microsoft/teams.apps';
import { readBody } from '../shared/http-body.ts';

/** Bot Framework activities are small; a pasted essay is still well below this. */
export const MAX_BODY_BYTES = 512 * 1024;

export interface ActivityGuard {
  /** Returns a Danish reason when the request must not be processed (checked before the SDK). */
  (activity: Record<string, unknown>, headers: http.IncomingHttpHeaders): string | undefined;
}

function send(res: http.ServerResponse, status: number, body?: unknown): void {
  if (res.headersSent) return;
  if (body === undefined || body === null || body === '') {
    res.writeHead(status);
    res.end();
    return;
  }
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

function problem(res: http.ServerResponse, status: number, message: string): void {
  send(res, status, { error: message });
}

export class NodeHttpAdapter implements IHttpServerAdapter {
  readonly server: http.Server;
  private readonly routes = new Map<string, HttpRouteHandler>();

  constructor(
    private readonly guard?: ActivityGuard,
    private readonly onError?: (err: unknown) => void,
    /** Answers /healthz and /readyz; returns false for other paths. */
    private readonly probe?: (req: http.IncomingMessage, res: http.ServerResponse) => boolean,
  ) {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((err) => {
        this.onError?.(err);
        problem(res, 500, 'Der skete en intern fejl i Ledelsesbot.');
      });
    });
    // A slow or stalled client must not hold a connection for ever.
    this.server.requestTimeout = 30_000;
    this.server.headersTimeout = 15_000;
  }

  registerRoute(method: HttpMethod, path: string, handler: HttpRouteHandler): void {
    if (method !== 'POST') throw new Error(`Unsupported HTTP method: ${method}`);
    this.routes.set(path, handler);
  }

  /** Listens on host:port (port 0 picks a free port); resolves to the real address. */
  listen(port: number, host: string | undefined): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      this.server.once('error', onError);
      this.server.listen(port, host, () => {
        this.server.off('error', onError);
        resolve(this.server.address() as AddressInfo);
      });
    });
  }

  /** Stops listening; requests in flight get up to `graceMs` to finish. */
  async stop(graceMs = 0): Promise<void> {
    await closeServer(this.server, graceMs);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (this.probe?.(req, res)) return;
    const path = (req.url ?? '/').split('?')[0]!;
    const handler = this.routes.get(path);
    if (!handler) {
      problem(res, 404, 'Her er kun Ledelsesbots Teams-endepunkt, POST /api/messages.');
      req.resume();
      return;
    }
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      problem(res, 405, 'Teams-endepunktet tager kun imod POST.');
      req.resume();
      return;
    }
    const type = String(req.headers['content-type'] ?? '').toLowerCase();
    if (!type.startsWith('application/json')) {
      problem(res, 415, 'Teams-endepunktet tager kun imod JSON (Content-Type: application/json).');
      req.resume();
      return;
    }

    const read = await readBody(req, MAX_BODY_BYTES);
    if (!read.ok) {
      if (read.problem === 'too-large') {
        res.setHeader('connection', 'close');
        problem(res, 413, 'Beskeden er for stor til Ledelsesbot.');
      } else {
        problem(res, 400, 'Beskeden blev afbrudt.');
      }
      return;
    }

    let body: unknown;
    try {
      body = JSON.parse(read.body.toString('utf8'));
    } catch {
      problem(res, 400, 'Ugyldig JSON: Ledelsesbot kunne ikke læse beskeden.');
      return;
    }
    if (!body || typeof body !== 'object' || Array.isArray(body) || typeof (body as { type?: unknown }).type !== 'string') {
      problem(res, 400, 'Det er ikke en Bot Framework-aktivitet (feltet "type" mangler).');
      return;
    }
    const refused = this.guard?.(body as Record<string, unknown>, req.headers);
    if (refused) {
      problem(res, 400, refused);
      return;
    }

    const headers: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = v;
    const response = await handler({ body, headers });
    send(res, response.status, response.body);
  }
}
