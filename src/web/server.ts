// The local chat page: a small HTTP server on node:http that serves one static page and a JSON
// API over the shared conversation. node:http rather than express: five routes, no extra
// dependency, and full control over body limits, headers and error handling.
//
// The page has no login, so it listens on 127.0.0.1 unless HOST says otherwise.

import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveHealth, type ReadinessProbe } from '../health.ts';
import { closeServer } from '../shutdown.ts';
import type { Logger, RunningFrontEnd } from '../app.ts';
import type { Config } from '../config.ts';
import type { PersonDeliveries } from '../brief/delivery.ts';
import { WebMailbox } from './mailbox.ts';
import { WEB_PLATFORM } from './api.ts';
import { readBody } from '../shared/http-body.ts';
import { isLoopbackHost } from '../shared/loopback.ts';
import { getMail, getTip, postAction, postFeedback, postMessage, WEB_CONTEXT, type ApiResult, type WebCore } from './api.ts';
import { hrPage, insightPage, postHrForm, type WebHr } from './hr-pages.ts';

/** What the local page uses: where to listen, the conversation, today's tip and the log. */
export interface WebDeps extends WebCore {
  config: Pick<Config, 'HOST' | 'PORT' | 'SHUTDOWN_TIMEOUT'>;
  /** Answers /readyz on the page's port. */
  readiness: ReadinessProbe;
  log: Logger;
  /** "Spørg HR": HR's pages (/hr, /indsigt); the page is where its leaders fetch HR's answers. */
  hr?: WebHr;
}

/** Largest request body accepted. A long pasted question (100 kB) fits; more is refused. */
export const MAX_BODY_BYTES = 256 * 1024;

export const DEFAULT_HOST = '127.0.0.1';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The page's files: next to this module, or in src/web/public when running from dist/. */
export function publicDir(): string {
  const candidates = [path.join(here, 'public'), path.resolve(here, '..', '..', 'src', 'web', 'public')];
  return candidates.find((dir) => existsSync(path.join(dir, 'index.html'))) ?? candidates[0]!;
}

interface Asset {
  type: string;
  body: Buffer;
}

const ASSET_FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/index.html': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/style.css': { file: 'style.css', type: 'text/css; charset=utf-8' },
  '/favicon.svg': { file: 'favicon.svg', type: 'image/svg+xml' },
  '/favicon.ico': { file: 'favicon.svg', type: 'image/svg+xml' },
};

function loadAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const [route, { file, type }] of Object.entries(ASSET_FILES)) {
    assets.set(route, { type, body: readFileSync(path.join(dir, file)) });
  }
  return assets;
}

/** Scripts, styles and requests only from this server; nothing inline, nothing from outside. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const COMMON_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const json = JSON.stringify(body);
  res.writeHead(status, {
    ...COMMON_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(json),
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(json);
}

function sendError(res: ServerResponse, status: number, message: string, extra: Record<string, string> = {}): void {
  sendJson(res, status, { error: message }, extra);
}

/** Reads a JSON body of at most MAX_BODY_BYTES; a problem becomes a Danish HttpError. */
async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const read = await readBody(req, MAX_BODY_BYTES);
  if (!read.ok) {
    throw read.problem === 'too-large'
      ? new HttpError(413, `Beskeden er for stor. Den må højst fylde ${MAX_BODY_BYTES / 1024} kB.`)
      : new HttpError(400, 'Forespørgslen blev afbrudt.');
  }
  try {
    return JSON.parse(read.body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'Forespørgslen er ikke gyldig JSON.');
  }
}

/** The host name of a Host header, without the port. */
function hostName(hostHeader: string): string {
  return hostHeader.toLowerCase().replace(/:\d+$/, '');
}

/** Names of this machine a browser may use for the page (names under .localhost are the browser's own). */
function isLocalName(hostHeader: string): boolean {
  const name = hostName(hostHeader);
  return isLoopbackHost(name) || name.endsWith('.localhost');
}

/** True when the request has no Origin (not a browser, or same-origin GET) or our own. */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

export interface WebFrontEnd extends RunningFrontEnd {
  /** The port actually bound (useful with PORT=0). */
  port: number;
  host: string;
  server: Server;
}

/** Builds the request handler; exported for tests that want it without a socket. */
export function createWebHandler(deps: WebDeps, options: { loopbackOnly: boolean }) {
  const assets = loadAssets(publicDir());

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    // Probes come from the platform, by IP: answered before the host check below.
    if (serveHealth(req, res, deps.readiness)) return;

    // While bound to loopback only, answer only to names of this machine: a web page on some
    // other site cannot then reach the API by pointing its own domain at 127.0.0.1.
    if (options.loopbackOnly && !isLocalName(req.headers.host ?? '')) {
      sendError(res, 403, 'Siden svarer kun på localhost.');
      return;
    }

    if (url.pathname.startsWith('/api/')) {
      let result: ApiResult;
      if (url.pathname === '/api/tip') {
        if (method !== 'GET' && method !== 'HEAD') return sendError(res, 405, 'Brug GET til /api/tip.', { Allow: 'GET, HEAD' });
        result = getTip(deps);
      } else if (url.pathname === '/api/mail') {
        if (method !== 'GET' && method !== 'HEAD') return sendError(res, 405, 'Brug GET til /api/mail.', { Allow: 'GET, HEAD' });
        result = getMail(deps, url.searchParams.get('as'));
      } else if (url.pathname === '/api/message' || url.pathname === '/api/feedback' || url.pathname === '/api/action') {
        if (method !== 'POST') return sendError(res, 405, `Brug POST til ${url.pathname}.`, { Allow: 'POST' });
        // Another site's page may not post here: browsers send Origin on cross-site POSTs.
        if (!sameOrigin(req)) {
          return sendError(res, 403, 'Forespørgsler fra andre sider afvises.');
        }
        if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
          req.resume();
          return sendError(res, 415, 'Send forespørgslen som JSON (Content-Type: application/json).');
        }
        const body = await readJsonBody(req);
        result =
          url.pathname === '/api/message' ? await postMessage(deps, body) : url.pathname === '/api/feedback' ? await postFeedback(deps, body) : await postAction(deps, body);
      } else {
        return sendError(res, 404, 'Den adresse findes ikke i Ledelsesbots API.');
      }
      sendJson(res, result.status, result.body);
      return;
    }

    if (deps.hr && (url.pathname === '/hr' || url.pathname === '/indsigt')) {
      await hrRoute(deps.hr, url, method, req, res);
      return;
    }

    const asset = assets.get(url.pathname);
    if (!asset) {
      const text = 'Siden findes ikke. Gå til forsiden: /';
      res.writeHead(404, { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
      res.end(text);
      return;
    }
    if (method !== 'GET' && method !== 'HEAD') {
      sendError(res, 405, 'Siden kan kun hentes med GET.', { Allow: 'GET, HEAD' });
      return;
    }
    res.writeHead(200, {
      ...COMMON_HEADERS,
      'Content-Type': asset.type,
      'Content-Length': asset.body.length,
      'Cache-Control': 'no-cache',
    });
    res.end(method === 'HEAD' ? undefined : asset.body);
  }

  async function hrRoute(hr: WebHr, url: URL, method: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (url.pathname === '/hr' && method === 'POST') {
      if (!sameOrigin(req)) return sendError(res, 403, 'Forespørgsler fra andre sider afvises.');
      if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '')) {
        req.resume();
        return sendError(res, 415, 'Send formularen fra siden /hr.');
      }
      const read = await readBody(req, MAX_BODY_BYTES);
      if (!read.ok) throw new HttpError(read.problem === 'too-large' ? 413 : 400, 'Formularen er for stor eller blev afbrudt.');
      const message = await postHrForm(deps.conversation, WEB_CONTEXT, new URLSearchParams(read.body.toString('utf8')));
      res.writeHead(303, { ...COMMON_HEADERS, Location: `/hr?besked=${encodeURIComponent(message)}`, 'Content-Length': 0 });
      res.end();
      return;
    }
    if (method !== 'GET' && method !== 'HEAD') return sendError(res, 405, 'Siden kan kun hentes med GET.', { Allow: 'GET, HEAD' });
    const html =
      url.pathname === '/hr' ? await hrPage(hr, url.searchParams.get('besked')?.slice(0, 2000) ?? undefined) : insightPage(await hr.insight());
    const body = Buffer.from(html, 'utf8');
    // same-origin, not no-referrer: with no-referrer a browser sends "Origin: null" on the page's
    // form posts, and the same-origin check could not tell them from another site's.
    res.writeHead(200, { ...COMMON_HEADERS, 'Referrer-Policy': 'same-origin', 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length, 'Cache-Control': 'no-store' });
    res.end(method === 'HEAD' ? undefined : body);
  }

  return (req: IncomingMessage, res: ServerResponse): void => {
    route(req, res).catch((err: unknown) => {
      if (err instanceof HttpError) {
        // After 413 the client may still be sending; close the connection once answered.
        sendError(res, err.status, err.message, err.status === 413 ? { Connection: 'close' } : {});
        return;
      }
      deps.log.error(`Lokal chatside: fejl ved ${req.method} ${req.url?.split('?')[0]}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      sendError(res, 500, 'Der skete en fejl i Ledelsesbot. Prøv igen om lidt.');
    });
  };
}

/** Starts the local chat page on config.PORT (0 picks a free port) and HOST (default 127.0.0.1). */
export async function startWeb(deps: WebDeps & { personDeliveries?: PersonDeliveries }): Promise<WebFrontEnd> {
  const host = deps.config.HOST ?? DEFAULT_HOST;
  // Brief and backbrief on the page: messages to people wait in memory until the page asks.
  const deliveries = deps.personDeliveries;
  if (deliveries && !deps.mailbox) {
    const mailbox = new WebMailbox();
    deps = { ...deps, mailbox };
    deliveries.register(WEB_PLATFORM, mailbox.deliver);
  }
  // HR's answer to a question from the page waits until the page fetches it (/api/action hr-inbox).
  deps.hr?.frontEnds.register(WEB_PLATFORM, {
    label: 'den lokale side',
    listsQuestions: true,
    deliverToAsker: async () => ({ ok: true, waiting: true }),
  });
  const server = createServer(createWebHandler(deps, { loopbackOnly: isLoopbackHost(host) }));
  // A client that misbehaves at the socket level must never take the app down.
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;

  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      reject(
        err.code === 'EADDRINUSE'
          ? new Error(`Port ${deps.config.PORT} er optaget. Stop det andet program, eller sæt PORT til en anden port i .env.`)
          : err,
      );
    };
    server.once('error', onError);
    server.listen(deps.config.PORT, host, () => {
      server.off('error', onError);
      resolve();
    });
  });

  const { port } = server.address() as AddressInfo;
  const shownHost = isLoopbackHost(host) ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return {
    name: 'Lokal chatside',
    address: `http://${shownHost}:${port}`,
    port,
    host,
    server,
    // Answers in flight get up to the shutdown time to finish.
    stop: () => closeServer(server, deps.config.SHUTDOWN_TIMEOUT * 1000),
  };
}
