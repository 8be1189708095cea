// The core for front-end tests: the real knowledge, conversation and (in-memory) store, and a
// recording stand-in for the tip commands, whose real implementation lives in src/tips and has
// its own tests. Front ends take the parts they use from this bag.

import type { Logger } from '../../src/app.ts';
import type { TipCommand, TipCommandTarget } from '../../src/bot/context.ts';
import type { Conversation } from '../../src/bot/conversation.ts';
import { Replies } from '../../src/bot/replies.ts';
import type { Reply } from '../../src/bot/reply.ts';
import { channelsFromSetting } from '../../src/channels.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { briefSettings, createConversation, hrSettings } from '../../src/core.ts';
import { createHrCore, type HrCore } from '../../src/hr/index.ts';
import type { HrFrontEnds } from '../../src/hr/front-ends.ts';
import { LiveKnowledge } from '../../src/search/knowledge-index.ts';
import { readiness, type ReadinessProbe } from '../../src/health.ts';
import { FileStore as Store } from '../../src/store/store.ts';
import { TipDeliveries } from '../../src/tips/delivery.ts';
import { createBriefCore, type BriefCore } from '../../src/brief/index.ts';
import type { PersonDeliveries } from '../../src/brief/delivery.ts';

export interface RecordingTips {
  /** Every tip command the core handed on, with its target. */
  commands: Array<{ intent: TipCommand; ctx: TipCommandTarget }>;
  deliveries: TipDeliveries;
  todaysTip(): Reply;
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

export interface TestDeps {
  config: Config;
  knowledge: LiveKnowledge;
  store: Store;
  replies: Replies;
  conversation: Conversation;
  tips: RecordingTips;
  todaysTip: () => Reply;
  tipDeliveries: TipDeliveries;
  /** /readyz for the front ends: the real check on this knowledge and store. */
  readiness: ReadinessProbe;
  /** Brief and backbrief, on the same store; front ends register their deliveries here. */
  brief: BriefCore;
  personDeliveries: PersonDeliveries;
  /** "Spørg HR" on the same store; front ends register in `hr`. */
  hrCore: HrCore;
  hr: HrFrontEnds;
  log: TestLog;
}

/** How the stand-in answers a tip command: the front end only has to render it. */
export type TipCommandAnswer = (intent: TipCommand, replies: Replies) => Reply;

let knowledge: LiveKnowledge | undefined;

export async function testDeps(env: Record<string, string>, answer: TipCommandAnswer): Promise<TestDeps> {
  knowledge ??= LiveKnowledge.load(undefined, () => {});
  const config = loadConfig(env);
  const store = await Store.open(':memory:');
  const replies = new Replies(knowledge);
  const commands: RecordingTips['commands'] = [];
  const deliveries = new TipDeliveries();
  const todaysTip = () => replies.tip(knowledge!.current.kb.statements.find((s) => s.kind === 'do')!, 'Dagens tip');
  const tips: RecordingTips = { commands, deliveries, todaysTip };
  const tipCommands = {
    async handle(intent: TipCommand, ctx: TipCommandTarget) {
      commands.push({ intent, ctx });
      return answer(intent, replies);
    },
  };
  const log = testLog();
  const pinnedQuestionChannels = new Set(channelsFromSetting('QUESTION_CHANNELS', config.QUESTION_CHANNELS, log).map((c) => c.key));
  const probe = () => readiness({ knowledge: knowledge!, store });
  const brief = createBriefCore(
    { store, knowledge, replies, log, settings: briefSettings(config) },
    { cron: false },
  );
  const hrCore = createHrCore({
    store,
    knowledge,
    replies,
    log,
    settings: hrSettings(config, log),
  });
  await hrCore.ready;
  const conversation = createConversation({ knowledge, store, replies, tipCommands, pinnedQuestionChannels, briefs: brief.briefs, hr: hrCore });
  return {
    config,
    knowledge,
    store,
    replies,
    conversation,
    tips,
    todaysTip,
    tipDeliveries: deliveries,
    readiness: probe,
    brief,
    personDeliveries: brief.deliveries,
    hrCore,
    hr: hrCore.frontEnds,
    log,
  };
}
