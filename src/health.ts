// GET /healthz (the process is alive) and GET /readyz (knowledge loaded and the store
// reachable), answered on every port a front end listens on, so a load balancer or a container
// platform can probe whichever it routes to. No secrets, no user data: counts and states only.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KnowledgeSource } from './bot/replies.ts';
import type { Store } from './store/store.ts';

export const HEALTH_PATHS = new Set(['/healthz', '/readyz']);

export interface Readiness {
  ready: boolean;
  knowledge: { ready: boolean; statements: number };
  store: { kind: string; ready: boolean; detail?: string; pending?: number };
}

/** How ready the app is now; each front end gets this function and serves it on its port. */
export type ReadinessProbe = () => Readiness;

export function readiness(deps: { knowledge: KnowledgeSource; store: Pick<Store, 'kind' | 'health'> }): Readiness {
  let statements = 0;
  try {
    statements = deps.knowledge.current.kb.statements.length;
  } catch {
    statements = 0;
  }
  const store = deps.store.health();
  const knowledge = { ready: statements > 0, statements };
  return { ready: knowledge.ready && store.ready, knowledge, store: { kind: deps.store.kind, ...store } };
}

/**
 * Answers /healthz and /readyz; returns false for any other path (the caller routes it).
 * /healthz is text for people behind a tunnel; /readyz is JSON, 503 while not ready.
 */
export function serveHealth(req: IncomingMessage, res: ServerResponse, probe: ReadinessProbe): boolean {
  const path = (req.url ?? '/').split('?')[0]!;
  if (!HEALTH_PATHS.has(path) || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
  req.resume();
  if (path === '/healthz') {
    const text = 'Ledelsesbot kører.\n';
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
    res.end(req.method === 'HEAD' ? undefined : text);
    return true;
  }
  const state = probe();
  const body = JSON.stringify(state);
  res.writeHead(state.ready ? 200 : 503, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
