// A controlled world for the daily tip: a clock the test moves, a store (memory or a real file),
// the real knowledge base, and a delivery that records what a channel would receive.

import { testLog } from '../helpers/deps.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AppDeps, Logger } from '../../src/app.ts';
import { Conversation } from '../../src/bot/conversation.ts';
import type { Reply } from '../../src/bot/reply.ts';
import { loadConfig } from '../../src/config.ts';
import type { Statement } from '../../src/knowledge/schema.ts';
import { buildEngine, loadKnowledgeIndex, type KnowledgeIndex, type LiveKnowledge } from '../../src/search/knowledge-index.ts';
import { FileStore as Store } from '../../src/store/store.ts';
import { copenhagenInstant } from '../../src/tips/clock.ts';
import { createTipService, type TipScheduler } from '../../src/tips/service.ts';
import type { DeliveryResult, TipPlatform, TipSubscription } from '../../src/tips/types.ts';

export const baseIndex: KnowledgeIndex = loadKnowledgeIndex();

/** A knowledge source whose statements a test can edit, as a live data edit would. */
export class EditableKnowledge {
  current: KnowledgeIndex = baseIndex;
  replace(statements: readonly Statement[]): void {
    const byId = new Map(statements.map((s) => [s.id, s]));
    this.current = {
      kb: { statements, sources: baseIndex.kb.sources, byId },
      lexicon: baseIndex.lexicon,
      engine: buildEngine(statements, baseIndex.lexicon),
    };
  }
}

export class TestClock {
  constructor(public instant: Date) {}
  now = (): Date => new Date(this.instant.getTime());
  /** Sets the clock to a Copenhagen wall time. */
  at(day: string, time: string, seconds = 0): Date {
    this.instant = new Date(copenhagenInstant(day, time).getTime() + seconds * 1000);
    return this.now();
  }
  advance(ms: number): void {
    this.instant = new Date(this.instant.getTime() + ms);
  }
}

export interface Post {
  key: string;
  channel: string;
  platform: TipPlatform;
  at: Date;
  reply: Reply;
  statementId: string;
}

export function statementIdOf(reply: Reply): string {
  return reply.sections[0]!.statements[0]!.id;
}

export function captureLog(): Logger & { lines: string[] } {
  return testLog();
}

export interface World {
  clock: TestClock;
  store: Store;
  knowledge: EditableKnowledge;
  log: ReturnType<typeof captureLog>;
  tips: TipScheduler;
  deps: AppDeps;
  /** Successful posts, as the channel sees them. */
  posts: Post[];
  /** Every delivery attempt. */
  attempts: Post[];
  /** What the next delivery returns (default ok); a function may decide per call. */
  respond: (sub: TipSubscription, reply: Reply) => DeliveryResult | Promise<DeliveryResult>;
}

export function tempDbFile(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), 'ledelsesbot-tips-')), 'db.json');
}

export async function makeWorld(options: {
  start: Date;
  env?: Record<string, string>;
  dbFile?: string;
  store?: Store;
  clock?: TestClock;
  knowledge?: EditableKnowledge;
  platforms?: TipPlatform[];
  schedule?: boolean;
  deliveryTimeoutMs?: number;
}): Promise<World> {
  const clock = options.clock ?? new TestClock(options.start);
  const store = options.store ?? (await Store.open(options.dbFile ?? ':memory:'));
  const knowledge = options.knowledge ?? new EditableKnowledge();
  const log = captureLog();
  const config = loadConfig({ ...(options.env ?? {}) });
  const conversation = new Conversation(knowledge, store);
  const deps: AppDeps = {
    config,
    knowledge: knowledge as unknown as LiveKnowledge,
    conversation,
    store,
    log,
    tips: undefined as never,
  };
  const tips = createTipService(deps, {
    now: clock.now,
    schedule: options.schedule ?? false,
    ...(options.deliveryTimeoutMs ? { deliveryTimeoutMs: options.deliveryTimeoutMs } : {}),
  });
  deps.tips = tips;
  const world: World = { clock, store, knowledge, log, tips, deps, posts: [], attempts: [], respond: () => ({ ok: true }) };
  for (const platform of options.platforms ?? ['slack']) {
    tips.registerDelivery(platform, async (sub, reply) => {
      const post: Post = { key: sub.key, channel: sub.channel, platform: sub.platform, at: clock.now(), reply, statementId: statementIdOf(reply) };
      world.attempts.push(post);
      const result = await world.respond(sub, reply);
      if (result.ok) world.posts.push(post);
      return result;
    });
  }
  return world;
}

export const SLACK = { platform: 'slack' as const, commandPrefix: '/ledelse ' };

export async function subscribe(world: World, channel: string, time?: string): Promise<Reply> {
  return world.tips.handleCommand(time ? { type: 'tip-subscribe', time } : { type: 'tip-subscribe' }, { ...SLACK, channel });
}

export function textOf(reply: Reply): string {
  return [reply.title, reply.intro ?? ''].join('\n');
}
