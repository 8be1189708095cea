// Two app processes on one PostgreSQL (DATABASE_URL), in Slack HTTP mode against a local Slack
// stand-in, with the clock set to just before 08:30 on a working day and TIP_CHANNELS=C1,C2:
// one tip per channel, one answer per Slack event, a subscription made through one seen by the
// other, no state file written; after kill -9 of one the other answers, and a restarted
// instance posts no second tip that day.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, postgresTestsRun } from '../helpers/pg.ts';
import { eventEnvelope, nextTs, sendCommand, sendEvent, SIGNING_SECRET } from '../helpers/slack-requests.ts';
import { BOT_USER_ID, SlackStandIn } from '../helpers/slack-standin.ts';

const REPO = path.resolve(import.meta.dirname, '..', '..');
/**
 * Tuesday 1 December 2026, 08:29:30 in Copenhagen (CET, UTC+1): half a minute before the tip, so
 * both processes have started (and synced TIP_CHANNELS) before it is due, even on a busy machine.
 */
const BEFORE_TIP = '2026-12-01T07:29:30Z';
/** The same day at 08:40: a restarted instance catches up on missed tips, if any. */
const AFTER_TIP = '2026-12-01T07:40:00Z';

interface AppProcess {
  child: ChildProcess;
  url: string;
  /** Seconds to add to real time to get the process's clock (Slack signatures use it). */
  offsetS: number;
  log: () => string;
}

async function startApp(env: Record<string, string>, fakeNow: string): Promise<AppProcess> {
  const offsetS = Math.round((Date.parse(fakeNow) - Date.now()) / 1000);
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', './test/helpers/fake-clock.mjs', 'src/main.ts'], {
    cwd: REPO,
    env: { PATH: process.env.PATH, FAKE_NOW: fakeNow, NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start-up line within 60 s:\n${log}`)), 60_000);
    const onData = (c: Buffer) => {
      log += c.toString();
      const m = /Slack \(HTTP\): (http:\/\/\S+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!.replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the app exited (${code}):\n${log}`)));
  });
  return { child, url, offsetS, log: () => log };
}

function stop(app: AppProcess | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!app || app.child.exitCode !== null || app.child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    app.child.once('exit', () => resolve());
    app.child.kill(signal);
  });
}

describe.runIf(postgresTestsRun())('two app processes on one PostgreSQL', () => {
  let slack: SlackStandIn;
  let a: AppProcess | undefined;
  let b: AppProcess | undefined;
  let dir: string;
  let env: Record<string, string>;
  const ts = (app: AppProcess) => ({ timestamp: Math.floor(Date.now() / 1000) + app.offsetS });
  const tipsTo = (channel: string) => slack.callsTo('chat.postMessage').filter((c) => c.body.channel === channel && /Dagens tip/.test(JSON.stringify(c.body)));

  beforeAll(async () => {
    slack = await SlackStandIn.start();
    dir = mkdtempSync(path.join(tmpdir(), 'ledelsesbot-two-'));
    env = {
      DATABASE_URL: await freshDatabase('two'),
      DB_FILE: path.join(dir, 'state', 'must-not-exist.json'),
      SLACK_BOT_TOKEN: 'xoxb-test-two-instances',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      TEAMS_PORT: '0',
      TIP_CHANNELS: 'C1,C2',
      TIP_TIME: '08:30',
    };
    [a, b] = await Promise.all([startApp(env, BEFORE_TIP), startApp(env, BEFORE_TIP)]);
  }, 90_000);

  afterAll(async () => {
    await Promise.all([stop(a), stop(b)]);
    await slack?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('post exactly one tip to each channel at 08:30', async () => {
    await slack
      .waitFor(() => tipsTo('C1').length && tipsTo('C2').length, 'a tip in C1 and C2', 60_000)
      .catch((err: Error) => {
        throw new Error(`${err.message}\nPosts: ${JSON.stringify(slack.callsTo('chat.postMessage').map((c) => c.body.channel))}\nA:\n${a!.log()}\nB:\n${b!.log()}`);
      });
    await slack.settle(3000);
    expect(tipsTo('C1')).toHaveLength(1);
    expect(tipsTo('C2')).toHaveLength(1);
  }, 80_000);

  it('answer one Slack event sent to both once', async () => {
    const t = nextTs();
    const envelope = eventEnvelope({ type: 'app_mention', user: 'U0LEDER1', text: `<@${BOT_USER_ID}> nedad`, ts: t, channel: 'C0BOTH', event_ts: t });
    const results = await Promise.all([sendEvent(`${a!.url}`, envelope, ts(a!)), sendEvent(`${b!.url}`, envelope, ts(b!))]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    await slack.waitFor(() => slack.callsTo('chat.postMessage').some((c) => c.body.channel === 'C0BOTH'), 'the answer', 10_000);
    await slack.settle(1500);
    expect(slack.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C0BOTH')).toHaveLength(1);
  });

  it('show a subscription made through one in tip status through the other', async () => {
    await sendCommand(a!.url, { text: 'tip abonner 14:45', channel_id: 'C0SUB', response_url: slack.responseUrl('sub') }, ts(a!));
    await slack.waitFor(() => slack.responsesTo('sub').length, 'the subscription reply', 10_000);
    await sendCommand(b!.url, { text: 'tip status', channel_id: 'C0SUB', response_url: slack.responseUrl('status') }, ts(b!));
    const [status] = await slack.waitFor(() => (slack.responsesTo('status').length ? slack.responsesTo('status') : undefined), 'the status reply', 10_000);
    expect(JSON.stringify(status!.body)).toContain('14:45');
  });

  it('write no state file', () => {
    expect(existsSync(env.DB_FILE!)).toBe(false);
    expect(existsSync(path.dirname(env.DB_FILE!))).toBe(false);
  });

  it('keep answering through the other after kill -9 of one, and a restarted one posts no second tip', async () => {
    await stop(a, 'SIGKILL');
    await sendCommand(b!.url, { text: 'nedad', response_url: slack.responseUrl('after-kill') }, ts(b!));
    await slack.waitFor(() => slack.responsesTo('after-kill').length, 'an answer from the survivor', 10_000);

    a = await startApp(env, AFTER_TIP);
    await slack.settle(3000);
    expect(tipsTo('C1')).toHaveLength(1);
    expect(tipsTo('C2')).toHaveLength(1);
    expect(a.log()).not.toMatch(/Dagens tip er sendt/);
  }, 90_000);
});
