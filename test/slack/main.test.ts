// `npm start` with Slack settings: main.ts chooses the mode from the environment, refuses a
// half-configured Slack with one clear paragraph, and serves Slack in HTTP mode end to end.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { header } from '../helpers/slack-blocks.ts';
import { SIGNING_SECRET, postSigned, sendCommand } from '../helpers/slack-requests.ts';
import { SlackStandIn } from '../helpers/slack-standin.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const main = path.join(root, 'src', 'main.ts');

let dir: string;
beforeAll(() => {
  // Run outside the repository, so no .env there can leak in.
  dir = mkdtempSync(path.join(tmpdir(), 'ledelsesbot-slack-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}

function start(env: Record<string, string>): Run {
  const child = spawn(process.execPath, [tsx, main], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', HOME: dir, DB_FILE: path.join(dir, `state-${Math.random()}.json`), TEAMS_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exit };
}

async function waitForOutput(run: Run, pattern: RegExp, timeoutMs = 40_000): Promise<RegExpMatchArray> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const m = run.output().match(pattern);
    if (m) return m;
    if (Date.now() > until || run.child.exitCode !== null) throw new Error(`No ${pattern} in output:\n${run.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('half-configured Slack settings', () => {
  it.each([
    [{ SLACK_BOT_TOKEN: 'xoxb-1-2' }, 'SLACK_SIGNING_SECRET', 'Basic Information → App Credentials'],
    [{ SLACK_SIGNING_SECRET: 'hemmelig' }, 'SLACK_BOT_TOKEN', 'OAuth & Permissions'],
    [{ SLACK_APP_TOKEN: 'xapp-1-2' }, 'SLACK_BOT_TOKEN', 'OAuth & Permissions'],
    [{ SLACK_APP_TOKEN: 'xoxb-wrong', SLACK_BOT_TOKEN: 'xoxb-1-2' }, 'SLACK_APP_TOKEN', 'App-Level Tokens'],
    [{ SLACK_BOT_TOKEN: 'xapp-pasted-in-the-wrong-place', SLACK_SIGNING_SECRET: 'x' }, 'SLACK_BOT_TOKEN', 'OAuth & Permissions'],
  ])('%o stops with a non-zero exit code and a paragraph naming %s and where to find it', async (env, variable, where) => {
    const run = start(env);
    const code = await run.exit;
    expect(code).not.toBe(0);
    const out = run.output().trim();
    expect(out).toContain(variable);
    expect(out).toContain(where);
    expect(out.split('\n')).toHaveLength(1);
    expect(out).not.toMatch(/\bat .*\(.*:\d+:\d+\)/); // no stack trace
    for (const secret of Object.values(env)) expect(out).not.toContain(secret.length > 8 ? secret : '\u0000');
  });
});

describe('HTTP mode from the environment', () => {
  let slack: SlackStandIn;
  beforeAll(async () => {
    slack = await SlackStandIn.start();
  });
  afterAll(async () => {
    await slack?.close();
  });

  it('serves /slack/events on PORT (0 = a free port) and answers a signed /ledelse', async () => {
    const run = start({
      SLACK_BOT_TOKEN: 'xoxb-test-main',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: '0',
      HOST: '127.0.0.1',
    });
    try {
      const [, url] = await waitForOutput(run, /Slack \(HTTP\): (http:\/\/127\.0\.0\.1:\d+\/slack\/events)/);
      const challenge = await postSigned(url!, JSON.stringify({ type: 'url_verification', challenge: 'c-1' }), 'application/json');
      expect(JSON.parse(challenge.body)).toEqual({ challenge: 'c-1' });
      const res = await sendCommand(url!, { text: 'udad', response_url: slack.responseUrl('main-1') });
      expect(res.status).toBe(200);
      const answer = await slack.waitFor(() => slack.responsesTo('main-1')[0], 'the answer');
      expect(header(answer.body.blocks)).toBe('Ledelse udad');
      expect(run.output()).not.toContain('xoxb-test-main');
      expect(run.output()).not.toContain(SIGNING_SECRET);
    } finally {
      run.child.kill('SIGTERM');
      await run.exit;
    }
  }, 60_000);

  it('stops with a clear Danish message when Slack refuses the bot token', async () => {
    slack.failNext('auth.test', { error: 'invalid_auth' });
    const run = start({ SLACK_BOT_TOKEN: 'xoxb-revoked', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: '0', HOST: '127.0.0.1' });
    const code = await run.exit;
    expect(code).not.toBe(0);
    expect(run.output()).toContain('Slack afviste SLACK_BOT_TOKEN (invalid_auth)');
    expect(run.output()).toContain('OAuth & Permissions');
    expect(run.output()).not.toContain('xoxb-revoked');
  }, 60_000);
});
