// AppDeps for Slack tests: the real knowledge, conversation and (in-memory) store, a recording
// stand-in for the tip core (its real implementation lives in src/tips and is not ours to
// test), and a running Slack app in HTTP mode pointed at a local Slack stand-in.

import type { AppDeps, Logger } from '../../src/app.ts';
import type { Intent } from '../../src/bot/intent.ts';
import type { Reply } from '../../src/bot/reply.ts';
import { Conversation } from '../../src/bot/conversation.ts';
import { loadConfig } from '../../src/config.ts';
import { LiveKnowledge } from '../../src/search/knowledge-index.ts';
import { startSlack, type RunningSlack } from '../../src/slack/index.ts';
import { Store } from '../../src/store/store.ts';
import type { TipCommandContext, TipDeliver, TipPlatform, TipService } from '../../src/tips/types.ts';
import { SIGNING_SECRET } from './slack-requests.ts';
import { SlackStandIn } from './slack-standin.ts';

export interface RecordingTips extends TipService {
  commands: Array<{ intent: Intent; ctx: TipCommandContext }>;
  deliveries: Map<TipPlatform, TipDeliver>;
}

export interface TestLog extends Logger {
  lines: string[];
}

export function testLog(): TestLog {
  const lines: string[] = [];
  return {
    lines,
    info: (l) => lines.push(`info ${l}`),
    warn: (l) => lines.push(`warn ${l}`),
    error: (l) => lines.push(`error ${l}`),
  };
}

export const BOT_TOKEN = 'xoxb-test-0000-not-a-real-token';

let knowledge: LiveKnowledge | undefined;

export type SlackTestDeps = AppDeps & { tips: RecordingTips; log: TestLog };

export async function slackDeps(env: Record<string, string> = {}): Promise<SlackTestDeps> {
  knowledge ??= LiveKnowledge.load(undefined, () => {});
  const store = await Store.open(':memory:');
  const conversation = new Conversation(knowledge, store);
  const commands: RecordingTips['commands'] = [];
  const deliveries = new Map<TipPlatform, TipDeliver>();
  const tips: RecordingTips = {
    commands,
    deliveries,
    async handleCommand(intent, ctx) {
      commands.push({ intent, ctx });
      if (intent.type === 'tip-subscribe') {
        return conversation.info('Dagligt tip slået til', `Der kommer et tip i kanalen hver hverdag kl. ${intent.time ?? '08:30'}.`);
      }
      if (intent.type === 'tip-unsubscribe') return conversation.info('Dagligt tip slået fra', 'Der kommer ikke flere tips i kanalen.');
      return conversation.info('Status for dagligt tip', 'Kanalen får et tip hver hverdag kl. 08:30.');
    },
    registerDelivery(platform, deliver) {
      deliveries.set(platform, deliver);
    },
    todaysTip(): Reply {
      return conversation.tip(knowledge!.current.kb.statements.find((s) => s.kind === 'do')!, 'Dagens tip');
    },
    async start() {},
    stop() {},
  };
  return { config: loadConfig(env), knowledge, conversation, store, tips, log: testLog() };
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
