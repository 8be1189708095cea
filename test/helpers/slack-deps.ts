// The core for Slack tests: the real knowledge, conversation and (in-memory) store, a recording
// stand-in for the tip commands (their real implementation lives in src/tips and is not ours to
// test), and a running Slack app in HTTP mode pointed at a local Slack stand-in.

import { startSlack, type RunningSlack } from '../../src/slack/index.ts';
import { testDeps, type TestDeps } from './deps.ts';
import { SIGNING_SECRET } from './slack-requests.ts';
import { SlackStandIn } from './slack-standin.ts';

export { testLog, type RecordingTips, type TestLog } from './deps.ts';

export const BOT_TOKEN = 'xoxb-test-0000-not-a-real-token';

export type SlackTestDeps = TestDeps;

export function slackDeps(env: Record<string, string> = {}): Promise<SlackTestDeps> {
  return testDeps(env, (intent, replies) => {
    if (intent.type === 'tip-subscribe') {
      return replies.info('Dagligt tip slået til', `Der kommer et tip i kanalen hver hverdag kl. ${intent.time ?? '08:30'}.`);
    }
    if (intent.type === 'tip-unsubscribe') return replies.info('Dagligt tip slået fra', 'Der kommer ikke flere tips i kanalen.');
    return replies.info('Status for dagligt tip', 'Kanalen får et tip hver hverdag kl. 08:30.');
  });
}

export interface SlackHarness {
  deps: SlackTestDeps;
  slack: SlackStandIn;
  running: RunningSlack;
  /** http://127.0.0.1:<port>/slack/events */
  eventsUrl: string;
  close(): Promise<void>;
}

/** Starts the Slack app in HTTP mode on a free port, with the Web API at a local stand-in. */
export async function startSlackHarness(env: Record<string, string> = {}): Promise<SlackHarness> {
  const slack = await SlackStandIn.start();
  const deps = await slackDeps({
    PORT: '0',
    HOST: '127.0.0.1',
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    DB_FILE: ':memory:',
    ...env,
  });
  const running = await startSlack(deps, 'http');
  return {
    deps,
    slack,
    running,
    eventsUrl: `http://127.0.0.1:${running.port}/slack/events`,
    async close() {
      await running.stop();
      await slack.close();
    },
  };
}
