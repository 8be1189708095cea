// Shared by the web tests: start the real app (`npx tsx src/main.ts`) or the web front end in
// this process, over temp state, and talk to it over HTTP.

import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { createCore, type Core } from '../../src/core.ts';
import { LiveKnowledge } from '../../src/search/knowledge-index.ts';
import { readiness } from '../../src/health.ts';
import { FileStore as Store } from '../../src/store/store.ts';
import { startWeb, type WebFrontEnd } from '../../src/web/server.ts';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const REPO_DATA_DIR = path.join(REPO_ROOT, 'data');

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `ledelsesbot-${prefix}-`));
}

/** A copy of data/ the test may edit. */
export function copyData(): string {
  const dir = tempDir('data');
  cpSync(REPO_DATA_DIR, dir, { recursive: true });
  return dir;
}

export function removeDir(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface MemoryLog extends Logger {
  lines: string[];
}

export function memoryLog(): MemoryLog {
  const lines: string[] = [];
  return { lines, info: (l) => lines.push(l), warn: (l) => lines.push(l), error: (l) => lines.push(l) };
}

export interface InProcessWeb {
  url: string;
  web: WebFrontEnd;
  deps: Core & { config: Config; knowledge: LiveKnowledge; store: Store };
  log: MemoryLog;
  dbFile: string;
  stop(): Promise<void>;
}

/** The web front end on a free port in this process, on the real core and a temp DB file. */
export async function startInProcess(env: Record<string, string> = {}): Promise<InProcessWeb> {
  const dir = tempDir('web');
  const dbFile = path.join(dir, 'db.json');
  const config = loadConfig({ PORT: '0', DB_FILE: dbFile, ...env });
  const log = memoryLog();
  const knowledge = LiveKnowledge.load(config.DATA_DIR, (l) => log.warn(l));
  const store = await Store.open(config.DB_FILE);
  const core = createCore({ config, knowledge, store, log });
  await core.hr.ready;
  const web = await startWeb({ config, conversation: core.conversation, todaysTip: core.tips.todaysTip, hr: core.hr, readiness: () => readiness({ knowledge, store }), log });
  const deps = { ...core, config, knowledge, store };
  return {
    url: `http://127.0.0.1:${web.port}`,
    web,
    deps,
    log,
    dbFile,
    async stop() {
      await web.stop();
      knowledge.close();
      removeDir(dir);
    },
  };
}

export interface AppProcess {
  /** The page's address as the start-up log prints it. */
  url: string;
  /** Everything the app wrote to stdout and stderr so far, line by line. */
  lines: string[];
  child: ChildProcess;
  /** Resolves when a log line from index `from` on matches, or rejects after `timeoutMs`. */
  waitForLine(match: RegExp, timeoutMs?: number, from?: number): Promise<string>;
  stop(): Promise<void>;
}

/** Env without anything that would turn Slack or Teams on; empty values also beat a local .env. */
function isolatedEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(SLACK_|TIP_|CLIENT_|TENANT_|HOST$|PORT$|DATA_DIR$|DB_FILE$|QUESTION_CHANNELS$|DATABASE_URL$)/.test(key)) delete env[key];
  }
  for (const key of ['SLACK_APP_TOKEN', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'CLIENT_ID', 'CLIENT_SECRET', 'TENANT_ID', 'TIP_CHANNELS', 'HOST', 'DATA_DIR']) {
    env[key] = '';
  }
  return { ...env, TEAMS_PORT: '0', NODE_ENV: 'test', ...extra };
}

/**
 * Starts the app the way `npm start` does (`npx tsx src/main.ts`) with no Slack or Teams
 * settings, and waits for the start-up log line with the local page's address.
 */
export async function startAppProcess(env: Record<string, string>, timeoutMs = 60_000): Promise<AppProcess> {
  const child = spawn('npx', ['tsx', 'src/main.ts'], {
    cwd: REPO_ROOT,
    env: isolatedEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so stop() reaches npx, tsx and node alike.
    detached: true,
  });
  const lines: string[] = [];
  const waiters: Array<{ match: RegExp; from: number; resolve: (line: string) => void }> = [];
  let exited: number | null | undefined;
  const onText = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split(/\r?\n/)) {
      if (!line) continue;
      lines.push(line);
      for (const w of [...waiters]) {
        if (lines.length > w.from && w.match.test(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    }
  };
  child.stdout!.on('data', onText);
  child.stderr!.on('data', onText);
  const exit = new Promise<void>((resolve) => child.once('exit', (code) => ((exited = code), resolve())));

  const waitForLine = (match: RegExp, ms = 15_000, from = 0) =>
    new Promise<string>((resolve, reject) => {
      const found = lines.slice(from).find((l) => match.test(l));
      if (found) return resolve(found);
      const timer = setTimeout(() => {
        waiters.splice(waiters.findIndex((w) => w.resolve === done), 1);
        reject(new Error(`No log line matching ${match} within ${ms} ms. Log so far:\n${lines.join('\n')}`));
      }, ms);
      const done = (line: string) => {
        clearTimeout(timer);
        resolve(line);
      };
      waiters.push({ match, from, resolve: done });
      void exit.then(() => {
        clearTimeout(timer);
        reject(new Error(`The app exited (code ${exited}) before logging ${match}. Log:\n${lines.join('\n')}`));
      });
    });

  const stop = async () => {
    if (exited !== undefined) return;
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      return;
    }
    const killer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 5_000);
    await exit;
    clearTimeout(killer);
  };

  try {
    const line = await waitForLine(/Lokal chatside: http:\/\/\S+/, timeoutMs);
    const url = /Lokal chatside: (http:\/\/\S+)/.exec(line)![1]!;
    return { url, lines, child, waitForLine, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

export async function postJson(url: string, body: unknown): Promise<{ status: number; json: any; headers: Headers }> {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined, headers: res.headers };
}
