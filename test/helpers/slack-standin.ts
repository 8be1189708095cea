// A small local stand-in for Slack's side of the conversation: the Web API (SLACK_API_URL) and
// the response_url endpoints. It records every call and answers the way Slack does, so tests
// can assert on what Slack would have received.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SocketModeStandIn } from './slack-socket.ts';

export interface ApiCall {
  /** Web API method, e.g. "chat.postMessage". */
  method: string;
  /** Form or JSON body; JSON-looking form fields (blocks, view) are parsed. */
  body: Record<string, any>;
  /** Whether a bot token came along (its value is not kept). */
  authorized: boolean;
  /** Which kind of token came along: "xoxb" (bot) or "xapp" (app-level, Socket Mode). */
  tokenKind?: string;
}

export interface ResponseUrlPost {
  /** The id in /response/<id>. */
  id: string;
  body: Record<string, any>;
}

/** How the stand-in should fail the next call to a method. */
export type Failure = { status: 429; retryAfter: number } | { error: string; status?: 200 };

export const BOT_USER_ID = 'UBOT0001';
export const BOT_ID = 'BBOT0001';

export class SlackStandIn {
  readonly calls: ApiCall[] = [];
  readonly responses: ResponseUrlPost[] = [];
  private readonly failures = new Map<string, Failure[]>();
  private ts = 1_700_000_000;
  /** Delay before answering response_url posts, to simulate a slow Slack. */
  responseDelayMs = 0;
  /** Socket Mode: the WebSocket end that apps.connections.open points to. */
  readonly socket: SocketModeStandIn;

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
  ) {
    this.socket = new SocketModeStandIn(server);
  }

  static async start(): Promise<SlackStandIn> {
    let standIn: SlackStandIn | undefined;
    const server = createServer((req, res) => void standIn!.handle(req, res));
    server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    standIn = new SlackStandIn(server, `http://127.0.0.1:${port}`);
    return standIn;
  }

  /** Value for SLACK_API_URL. */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  /** A response_url that posts back to this stand-in. */
  responseUrl(id: string): string {
    return `${this.baseUrl}/response/${encodeURIComponent(id)}`;
  }

  failNext(method: string, failure: Failure): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), failure]);
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  responsesTo(id: string): ResponseUrlPost[] {
    return this.responses.filter((r) => r.id === id);
  }

  /** Everything the app sent to Slack, as one string, for "never contains" checks. */
  everythingSent(): string {
    return JSON.stringify([this.calls.filter((c) => c.method !== 'auth.test'), this.responses]);
  }

  /** Waits until `probe` returns something truthy. */
  async waitFor<T>(probe: () => T | undefined | null | false, what = 'the expected call', timeoutMs = 5000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value) return value;
      if (Date.now() > until) throw new Error(`The Slack stand-in never received ${what}.`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Lets in-flight work finish, then checks that nothing more arrives. */
  async settle(ms = 300): Promise<void> {
    await new Promise((r) => setTimeout(r, ms));
  }

  async close(): Promise<void> {
    this.socket.closeAll();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.baseUrl);
    const body = parseBody(raw, req.headers['content-type'] ?? '');

    if (url.pathname.startsWith('/response/')) {
      if (this.responseDelayMs) await new Promise((r) => setTimeout(r, this.responseDelayMs));
      this.responses.push({ id: decodeURIComponent(url.pathname.slice('/response/'.length)), body });
      return json(res, 200, { ok: true });
    }
    if (!url.pathname.startsWith('/api/')) return json(res, 404, { ok: false, error: 'unknown_path' });

    const method = url.pathname.slice('/api/'.length);
    const bearer = /^Bearer (xox[bp]|xapp)-/.exec(String(req.headers.authorization ?? ''));
    this.calls.push({ method, body, authorized: bearer?.[1]?.startsWith('xox') === true || typeof body.token === 'string', ...(bearer ? { tokenKind: bearer[1]! } : {}) });

    const failure = this.failures.get(method)?.shift();
    if (failure && 'retryAfter' in failure) {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(failure.retryAfter) });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    if (failure) return json(res, 200, { ok: false, error: failure.error });
    return json(res, 200, this.answer(method, body));
  }

  private answer(method: string, body: Record<string, any>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://kommune.slack.com/', team: 'Kommunen', user: 'ledelsesbot', team_id: 'T0001', user_id: BOT_USER_ID, bot_id: BOT_ID };
      case 'chat.postMessage': {
        const ts = `${++this.ts}.000100`;
        return { ok: true, channel: body.channel, ts, message: { type: 'message', text: body.text, ts, bot_id: BOT_ID } };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `${++this.ts}.000200` };
      case 'chat.update':
        return { ok: true, channel: body.channel, ts: body.ts, text: body.text };
      case 'apps.connections.open':
        return { ok: true, url: `${this.baseUrl.replace(/^http/, 'ws')}/link/?ticket=stand-in` };
      case 'views.publish':
        return { ok: true, view: { id: 'V0001', type: 'home', ...(body.view ?? {}) } };
      default:
        return { ok: true };
    }
  }
}

function parseBody(raw: string, contentType: string): Record<string, any> {
  if (!raw) return {};
  if (contentType.includes('application/json')) {
    try {
      return JSON.parse(raw) as Record<string, any>;
    } catch {
      return { raw };
    }
  }
  const out: Record<string, any> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = /^[[{]/.test(v) ? tryJson(v) : v;
  }
  return out;
}

function tryJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
