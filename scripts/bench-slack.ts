// npm run bench:slack — how fast /ledelse is acknowledged, next to a Bolt app that only acks.
//
// Sends signed slash commands (as Slack signs them) over loopback, 20 at a time, to two child
// processes: Ledelsesbot's Slack app in HTTP mode (with the Web API and response_url at a local
// stand-in) and a minimal Bolt app that acks and does nothing else. Each app runs in its own
// process so the client's work never competes with the app's. Measured: the time to Slack's
// acknowledgement (what Slack's 3-second limit is about); counted as errors: anything but a
// 200 within 3 s, and every command of ours whose answer never reached its response_url.
// Target: 0 errors, and a median within 1.2× the minimal app's.

import { fork, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { request, Agent } from 'node:http';
import { fileURLToPath } from 'node:url';

const TOTAL = 2000;
const CONCURRENCY = 20;
const WARMUP = 200;
/** Commands sent one at a time at the end, to show the answer time on a quiet day. */
const SINGLES = 100;
/** Commands are sent in alternating blocks, so drift on the machine hits both apps alike. */
const BLOCK = 250;
const ACK_LIMIT_MS = 3000;
const TARGET_RATIO = 1.2;
const SIGNING_SECRET = 'bench-signing-secret';
const HOST = '127.0.0.1';

const COMMANDS = [
  'nedad',
  'opad undgå',
  'til siden',
  'udad gør',
  'bungay',
  'tip',
  'hjælp',
  'Hvordan fortæller jeg mine medarbejdere om nedskæringerne?',
  'Skal jeg holde upopulære forslag tilbage over for min chef?',
  'Hvordan håndterer jeg vrede forældre, der klager over besparelser?',
];

type Role = 'full' | 'minimal' | 'standin';
type ToChild = { type: 'stats'; arrivals?: boolean };
type FromChild = { type: 'ready'; port: number; responseBase: string } | { type: 'stats'; responses: number; errors: number; arrivals: Record<string, number> };

// ---------------------------------------------------------------- child processes

/** Slack's side: auth.test and chat.* for the Web API, and the response_urls. */
async function serveStandIn(): Promise<void> {
  const { createServer } = await import('node:http');
  let responses = 0;
  let errors = 0;
  let ts = 1;
  /** When each answer reached its response_url (epoch ms; the client's clock is the same). */
  const arrivals: Record<string, number> = {};
  const standIn = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '/';
      if (url.startsWith('/response/')) {
        arrivals[url.slice('/response/'.length)] = Date.now();
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { blocks?: unknown[] };
          if (Array.isArray(body.blocks) && body.blocks.length > 0) responses++;
          else errors++;
        } catch {
          errors++;
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      if (url === '/api/auth.test') res.end(JSON.stringify({ ok: true, user_id: 'UBENCH', bot_id: 'BBENCH', team_id: 'T1' }));
      else res.end(JSON.stringify({ ok: true, ts: `${++ts}.000100`, channel: 'C1' }));
    });
  });
  await new Promise<void>((r) => standIn.listen(0, HOST, r));
  const port = (standIn.address() as { port: number }).port;
  process.on('message', (m: ToChild) => {
    if (m.type === 'stats') process.send!({ type: 'stats', responses, errors, arrivals: m.arrivals ? arrivals : {} } satisfies FromChild);
  });
  process.send!({ type: 'ready', port, responseBase: `http://${HOST}:${port}/response/` } satisfies FromChild);
}

async function serveFull(apiBase: string): Promise<void> {
  const { loadConfig } = await import('../src/config.ts');
  const { createCore } = await import('../src/core.ts');
  const { LiveKnowledge } = await import('../src/search/knowledge-index.ts');
  const { startSlack } = await import('../src/slack/index.ts');
  const { readiness } = await import('../src/health.ts');
  const { FileStore: Store } = await import('../src/store/store.ts');

  const config = loadConfig({
    PORT: '0',
    HOST,
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: apiBase,
    DB_FILE: ':memory:',
  });
  const knowledge = LiveKnowledge.load(undefined, () => {});
  const store = await Store.open(':memory:');
  const quiet = { info: () => {}, warn: () => {}, error: (l: string) => console.error(l) };
  const { conversation, tips } = createCore({ config, knowledge, store, log: quiet });
  const running = await startSlack({ config, knowledge, conversation, todaysTip: tips.todaysTip, tipDeliveries: tips.deliveries, readiness: () => readiness({ knowledge, store }), log: quiet }, 'http');
  process.send!({ type: 'ready', port: running.port!, responseBase: '' } satisfies FromChild);
}

async function serveMinimal(): Promise<void> {
  const { App, HTTPReceiver, LogLevel } = await import('@slack/bolt');
  const silent = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => LogLevel.ERROR, setName() {} };
  const receiver = new HTTPReceiver({ signingSecret: SIGNING_SECRET, processBeforeResponse: false, logger: silent });
  // Bot and user ids given, so it needs no Web API at all.
  const app = new App({ token: 'xoxb-bench', botId: 'BBENCH', botUserId: 'UBENCH', receiver, logger: silent, convoStore: false, tokenVerificationEnabled: false });
  app.command('/ledelse', async ({ ack }) => {
    await ack();
  });
  const server = (await receiver.start({ port: 0, host: HOST })) as import('node:http').Server;
  process.send!({ type: 'ready', port: (server.address() as { port: number }).port, responseBase: '' } satisfies FromChild);
}

// ---------------------------------------------------------------- the client

interface Target {
  role: Role;
  label: string;
  child: ChildProcess;
  port: number;
  responseBase: string;
  latencies: number[];
  errors: number;
  sent: number;
  wallMs: number;
}

function startChild(role: Role, ...args: string[]): Promise<{ child: ChildProcess; port: number; responseBase: string }> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', role, ...args], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${role} stopped early (exit ${code})`)));
    child.on('message', (m: FromChild) => {
      if (m.type === 'ready') resolve({ child, port: m.port, responseBase: m.responseBase });
    });
  });
}

function stats(child: ChildProcess, arrivals = false): Promise<{ responses: number; errors: number; arrivals: Record<string, number> }> {
  return new Promise((resolve) => {
    const onMessage = (m: FromChild) => {
      if (m.type === 'stats') {
        child.off('message', onMessage);
        resolve(m);
      }
    };
    child.on('message', onMessage);
    child.send({ type: 'stats', arrivals } satisfies ToChild);
  });
}

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
let sequence = 0;
/** When each command to Ledelsesbot was sent (epoch ms), by response_url id. */
const sentAt = new Map<string, number>();
/** The same for the commands sent one at a time at the end. */
const singleSentAt = new Map<string, number>();
let singles = false;

function commandBody(text: string, responseUrl: string): string {
  return new URLSearchParams({
    token: 'x',
    team_id: 'T1',
    team_domain: 'bench',
    channel_id: 'C1',
    channel_name: 'bench',
    user_id: 'U1',
    user_name: 'leder',
    command: '/ledelse',
    text,
    api_app_id: 'A1',
    response_url: responseUrl,
    trigger_id: `t${sequence}`,
  }).toString();
}

/** One signed slash command; resolves with the time to the acknowledgement, or an error. */
function send(target: Target, text: string): Promise<number | Error> {
  const id = ++sequence;
  const body = commandBody(text, `${target.responseBase}${id}`);
  if (target.role === 'full') (singles ? singleSentAt : sentAt).set(String(id), Date.now());
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(
      {
        host: HOST,
        port: target.port,
        path: '/slack/events',
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': signature,
        },
        timeout: ACK_LIMIT_MS,
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          const ms = performance.now() - started;
          resolve(res.statusCode === 200 && ms <= ACK_LIMIT_MS ? ms : new Error(`status ${res.statusCode} after ${ms.toFixed(0)} ms`));
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('no acknowledgement within 3 s')));
    req.on('error', (err) => resolve(err));
    req.end(body);
  });
}

async function run(target: Target, count: number, record: boolean, concurrency = CONCURRENCY): Promise<void> {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const result = await send(target, COMMANDS[i % COMMANDS.length]!);
      if (!record) continue;
      target.sent++;
      if (result instanceof Error) target.errors++;
      else target.latencies.push(result);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (record) target.wallMs += performance.now() - started;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)} ms` : '–');

async function main(): Promise<void> {
  // Slack's side runs in a process of its own, so parsing the answers costs the app nothing.
  const slack = await startChild('standin');
  const [full, minimal] = await Promise.all([startChild('full', `http://${HOST}:${slack.port}/api/`), startChild('minimal')]);
  const targets = {
    minimal: { role: 'minimal', label: 'Minimal Bolt-app (kun ack)', ...minimal, responseBase: `http://${HOST}:9/response/`, latencies: [], errors: 0, sent: 0, wallMs: 0 } as Target,
    full: { role: 'full', label: 'Ledelsesbot', ...full, responseBase: slack.responseBase, latencies: [], errors: 0, sent: 0, wallMs: 0 } as Target,
  };
  try {
    for (const t of Object.values(targets)) {
      if (!/^127\.|^localhost$/.test(HOST)) throw new Error('Kun loopback-adresser.');
      await run(t, WARMUP, false);
    }
    // Ledelsesbot answers after acknowledging; before the minimal app's turn, its answers are
    // let through, so its work after the acks never slows the other app's measurement.
    const answersIn = async (expected: number, timeoutMs = 30_000) => {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const s = await stats(slack.child);
        if (s.responses + s.errors >= expected || Date.now() > until) return;
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    await answersIn(WARMUP);
    for (let done = 0; done < TOTAL; done += BLOCK) {
      const n = Math.min(BLOCK, TOTAL - done);
      await run(targets.minimal, n, true);
      await run(targets.full, n, true);
      await answersIn(WARMUP + done + n);
    }
    // Every command of ours must also have been answered through its response_url.
    // Then a few commands one at a time, as Slack sends them on an ordinary day.
    singles = true;
    await run(targets.full, SINGLES, false, 1);
    const expected = WARMUP + TOTAL + SINGLES;
    await answersIn(expected, 15_000);
    const answered = await stats(slack.child, true);
    const missing = expected - answered.responses;
    targets.full.errors += Math.max(0, missing);
    const answerTimes = [...sentAt]
      .map(([id, at]) => (answered.arrivals[id] === undefined ? undefined : answered.arrivals[id]! - at))
      .filter((v): v is number => v !== undefined)
      .sort((a, b) => a - b);
    const singleTimes = [...singleSentAt]
      .map(([id, at]) => (answered.arrivals[id] === undefined ? undefined : answered.arrivals[id]! - at))
      .filter((v): v is number => v !== undefined)
      .sort((a, b) => a - b);

    const rows = [targets.minimal, targets.full].map((t) => {
      const sorted = [...t.latencies].sort((a, b) => a - b);
      return { t, sorted, median: percentile(sorted, 50) };
    });
    const ratio = rows[1]!.median / rows[0]!.median;
    const ok = rows.every((r) => r.t.errors === 0) && ratio <= TARGET_RATIO;

    console.log(`\nSlack-benchmark: ${TOTAL} signerede /ledelse-kommandoer pr. app, ${CONCURRENCY} ad gangen, kun ${HOST} (loopback).`);
    console.log('Tid = fra kommandoen sendes, til Slack-svaret (ack) er modtaget.\n');
    const head = ['App', 'Kald', 'Fejl', 'Median', 'p95', 'p99', 'Maks', 'Kald/s'];
    const table = rows.map(({ t, sorted, median }) => [
      t.label,
      String(t.sent),
      String(t.errors),
      ms(median),
      ms(percentile(sorted, 95)),
      ms(percentile(sorted, 99)),
      ms(sorted.at(-1) ?? Number.NaN),
      (t.sent / (t.wallMs / 1000)).toFixed(0),
    ]);
    const widths = head.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
    const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
    console.log(line(head));
    console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
    for (const r of table) console.log(line(r));
    console.log(`\nSvar leveret via response_url (Ledelsesbot): ${answered.responses} af ${expected} (inkl. ${WARMUP} til opvarmning og ${SINGLES} enkeltvis).`);
    console.log(
      `Tid til svaret var fremme, 20 ad gangen: median ${ms(percentile(answerTimes, 50))}, p95 ${ms(percentile(answerTimes, 95))}, maks ${ms(answerTimes.at(-1) ?? Number.NaN)} ` +
        '(svar køres efter kvitteringerne, så de venter, mens der kommer kommandoer i en lind strøm).',
    );
    console.log(`Én kommando ad gangen: svaret fremme efter median ${ms(percentile(singleTimes, 50))}, p95 ${ms(percentile(singleTimes, 95))}.`);
    console.log(`Median i forhold til den minimale app: ${ratio.toFixed(2)}× (mål: højst ${TARGET_RATIO}×, og 0 fejl).`);
    console.log(ok ? 'Målet er nået.' : 'Målet er IKKE nået.');
    process.exitCode = ok ? 0 : 1;
  } finally {
    agent.destroy();
    targets.full.child.kill();
    targets.minimal.child.kill();
    slack.child.kill();
  }
}

const serveIndex = process.argv.indexOf('--serve');
if (serveIndex >= 0) {
  const role = process.argv[serveIndex + 1] as Role;
  if (role === 'standin') await serveStandIn();
  else if (role === 'full') await serveFull(process.argv[serveIndex + 2]!);
  else await serveMinimal();
} else {
  await main();
}
