// npm run bench:store — the state stores under load, and the app on two instances.
//
// 1. Per store (the lowdb file on disk; PostgreSQL in a throwaway cluster with fsync on, as in
//    production): votes, event de-duplications and tip claims per second, 20 in flight.
// 2. 2000 signed /ledelse commands, 20 in flight, against two app processes on one PostgreSQL
//    (alternating), and the same against one app process on a lowdb file. Measured: the time to
//    Slack's acknowledgement. Target: 0 errors, p50 within 1.2× of one instance on lowdb.
// Everything runs on loopback; Slack's Web API and response_urls are a local stand-in.

import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, Agent, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileStore } from '../src/store/file-store.ts';
import { PgStore } from '../src/store/postgres/pg-store.ts';
import type { Store } from '../src/store/types.ts';
import { findBinDir, startCluster } from './lib/pg-cluster.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HOST = '127.0.0.1';
const CONCURRENCY = 20;
const OPS = { votes: 2000, events: 2000, claims: 300 };
const COMMANDS_TOTAL = 2000;
const WARMUP = 200;
const TARGET_RATIO = 1.2;
const SIGNING_SECRET = 'bench-store-secret';

async function inFlight(count: number, op: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) await op(next++);
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

async function storeRates(store: Store): Promise<{ votes: number; events: number; claims: number }> {
  const votes = await inFlight(OPS.votes, (i) => store.recordFeedback({ questionHash: `q${i}`, statementIds: ['nedad-01', 'opad-02'], vote: i % 3 ? 'up' : 'down', platform: 'slack' }));
  const events = await inFlight(OPS.events, (i) => store.firstDelivery(`slack:Ev${i}`));
  const claims = await inFlight(OPS.claims, (i) =>
    store.updateTips((d) => {
      const days = (d.claims[`slack:C${i}`] ??= {});
      if (!days['2026-12-01']) days['2026-12-01'] = { statementId: 'nedad-01', state: 'claimed', claimedAt: new Date().toISOString(), attempts: 1 };
    }),
  );
  return { votes, events, claims };
}

// ---------------------------------------------------------------- the app on two instances

interface StandIn {
  port: number;
  answered: () => number;
  close(): Promise<void>;
}

async function slackStandIn(): Promise<StandIn> {
  let answered = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.url?.startsWith('/response/')) answered++;
      res.writeHead(200, { 'content-type': 'application/json' });
      if (req.url === '/api/auth.test') res.end(JSON.stringify({ ok: true, user_id: 'UBENCH', bot_id: 'BBENCH', team_id: 'T1' }));
      else res.end(JSON.stringify({ ok: true, ts: '1.000100', channel: 'C1' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, HOST, r));
  return { port: (server.address() as { port: number }).port, answered: () => answered, close: () => new Promise((r) => server.close(() => r())) };
}

interface App {
  child: ChildProcess;
  port: number;
}

async function startApp(env: Record<string, string>): Promise<App> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: REPO,
    env: { PATH: process.env.PATH, TEAMS_PORT: '0', PORT: '0', HOST, SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SIGNING_SECRET, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the app did not start:\n${log}`)), 60_000);
    const onData = (c: Buffer) => {
      log += c.toString();
      const m = /Slack \(HTTP\): http:\/\/[^:]+:(\d+)\//.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve({ child, port: Number(m[1]) });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the app exited (${code}):\n${log}`)));
  });
}

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY * 2 });
let sequence = 0;
const TEXTS = ['nedad', 'opad undgå', 'tip', 'hjælp', 'Hvordan fortæller jeg mine medarbejdere om nedskæringerne?', 'Hvordan håndterer jeg vrede forældre?'];

function sendCommand(port: number, responseBase: string): Promise<number | Error> {
  const id = ++sequence;
  const body = new URLSearchParams({
    team_id: 'T1',
    channel_id: 'C1',
    user_id: 'U1',
    command: '/ledelse',
    text: TEXTS[id % TEXTS.length]!,
    api_app_id: 'A1',
    response_url: `${responseBase}${id}`,
    trigger_id: `t${id}`,
  }).toString();
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(
      {
        host: HOST,
        port,
        path: '/slack/events',
        method: 'POST',
        agent,
        timeout: 3000,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': signature,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode === 200 ? performance.now() - started : new Error(`status ${res.statusCode}`)));
      },
    );
    req.on('timeout', () => req.destroy(new Error('no ack within 3 s')));
    req.on('error', resolve);
    req.end(body);
  });
}

async function commands(ports: number[], responseBase: string, count: number): Promise<{ latencies: number[]; errors: number }> {
  const latencies: number[] = [];
  let errors = 0;
  await inFlight(count, async (i) => {
    const r = await sendCommand(ports[i % ports.length]!, responseBase);
    if (r instanceof Error) errors++;
    else latencies.push(r);
  });
  return { latencies: latencies.sort((a, b) => a - b), errors };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
const fmt = (n: number) => n.toLocaleString('da-DK', { maximumFractionDigits: 0 });

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ledelsesbot-bench-store-'));
  const cluster = await startCluster({ fast: false });
  const apps: App[] = [];
  const standIn = await slackStandIn();
  try {
    console.log(`\nStore-benchmark: ${CONCURRENCY} ad gangen; PostgreSQL ${path.basename(path.dirname(findBinDir() ?? '?/?'))} med fsync slået til, lokalt på loopback.\n`);
    const file = await FileStore.open(path.join(dir, 'bench.json'));
    const fileRates = await storeRates(file);
    const pg = await PgStore.open(cluster.createDatabase('bench_rates'));
    const pgRates = await storeRates(pg);
    await pg.close();
    console.log('| Store | Stemmer/s | Hændelser/s (de-dup) | Tip-claims/s |');
    console.log('|---|---:|---:|---:|');
    console.log(`| lowdb-fil | ${fmt(fileRates.votes)} | ${fmt(fileRates.events)} | ${fmt(fileRates.claims)} |`);
    console.log(`| PostgreSQL | ${fmt(pgRates.votes)} | ${fmt(pgRates.events)} | ${fmt(pgRates.claims)} |`);
    console.log(`(${OPS.votes} stemmer, ${OPS.events} hændelser, ${OPS.claims} claims pr. store.)\n`);

    if (process.argv.includes('--stores')) return;
    const responseBase = `http://${HOST}:${standIn.port}/response/`;
    const slackApi = `http://${HOST}:${standIn.port}/api/`;
    const url = cluster.createDatabase('bench_app');
    const one = await startApp({ DB_FILE: path.join(dir, 'app.json'), SLACK_API_URL: slackApi });
    apps.push(one);
    const a = await startApp({ DATABASE_URL: url, SLACK_API_URL: slackApi });
    apps.push(a);
    const b = await startApp({ DATABASE_URL: url, SLACK_API_URL: slackApi });
    apps.push(b);
    for (const ports of [[one.port], [a.port, b.port]]) await commands(ports, responseBase, WARMUP);
    // Alternating blocks, so drift on the machine hits both set-ups alike.
    const base = { latencies: [] as number[], errors: 0 };
    const two = { latencies: [] as number[], errors: 0 };
    for (let done = 0; done < COMMANDS_TOTAL; done += 500) {
      const r1 = await commands([one.port], responseBase, 500);
      const r2 = await commands([a.port, b.port], responseBase, 500);
      base.latencies.push(...r1.latencies);
      base.errors += r1.errors;
      two.latencies.push(...r2.latencies);
      two.errors += r2.errors;
    }
    base.latencies.sort((x, y) => x - y);
    two.latencies.sort((x, y) => x - y);
    const expected = 2 * (WARMUP + COMMANDS_TOTAL);
    const until = Date.now() + 30_000;
    while (standIn.answered() < expected && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    const missing = expected - standIn.answered();
    const ratio = pct(two.latencies, 50) / pct(base.latencies, 50);
    console.log(`Slack: ${COMMANDS_TOTAL} signerede /ledelse-kommandoer pr. opsætning, ${CONCURRENCY} ad gangen (tid til ack).\n`);
    console.log('| Opsætning | Kald | Fejl | p50 | p95 | p99 |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const [label, r] of [
      ['1 instans, lowdb-fil', base],
      ['2 instanser, én PostgreSQL', two],
    ] as const) {
      console.log(`| ${label} | ${COMMANDS_TOTAL} | ${r.errors} | ${pct(r.latencies, 50).toFixed(2)} ms | ${pct(r.latencies, 95).toFixed(2)} ms | ${pct(r.latencies, 99).toFixed(2)} ms |`);
    }
    console.log(`\nSvar leveret via response_url: ${standIn.answered()} af ${expected}${missing > 0 ? ` (${missing} mangler)` : ''}.`);
    console.log(`p50 for 2 instanser på PostgreSQL i forhold til 1 på lowdb: ${ratio.toFixed(2)}× (mål: højst ${TARGET_RATIO}×, og 0 fejl).`);
    const ok = base.errors === 0 && two.errors === 0 && missing <= 0 && ratio <= TARGET_RATIO;
    console.log(ok ? 'Målet er nået.' : 'Målet er IKKE nået.');
    process.exitCode = ok ? 0 : 1;
  } finally {
    agent.destroy();
    for (const app of apps) app.child.kill('SIGTERM');
    await Promise.all(apps.map((app) => new Promise((r) => (app.child.exitCode !== null ? r(null) : app.child.once('exit', r)))));
    await standIn.close();
    cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
