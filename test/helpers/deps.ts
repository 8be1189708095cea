// AppDeps for front-end tests: the real knowledge, conversation and (in-memory) store, and a
// recording stand-in for the tip core, whose real implementation lives in src/tips and has
// its own tests.

import type { AppDeps, Logger } from '../../src/app.ts';
import { Conversation } from '../../src/bot/conversation.ts';
import type { Intent } from '../../src/bot/intent.ts';
import type { Reply } from '../../src/bot/reply.ts';
import { loadConfig } from '../../src/config.ts';
import { LiveKnowledge } from '../../src/search/knowledge-index.ts';
import { FileStore as Store } from '../../src/store/store.ts';
import type { TipCommandContext, TipDeliver, TipPlatform, TipService } from '../../src/tips/types.ts';

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

/** The store is the lowdb file in memory, so tests can read what was written. */
export type TestDeps = AppDeps & { store: Store; tips: RecordingTips; log: TestLog };

/** How the stand-in answers a tip command: the front end only has to render it. */
export type TipCommandAnswer = (intent: Extract<Intent, { type: 'tip-subscribe' | 'tip-unsubscribe' | 'tip-status' }>, conversation: Conversation) => Reply;

let knowledge: LiveKnowledge | undefined;

export async function testDeps(env: Record<string, string>, answer: TipCommandAnswer): Promise<TestDeps> {
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
      return answer(intent, conversation);
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
