// A controlled world for the daily tip: a clock the test moves, a store (memory or a real file),
// the real knowledge base, and a delivery that records what a channel would receive.

import { testLog } from '../helpers/deps.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Logger } from '../../src/app.ts';
import type { Reply } from '../../src/bot/reply.ts';
import { copenhagenInstant } from '../../src/clock.ts';
import { loadConfig } from '../../src/config.ts';
import { createCore } from '../../src/core.ts';
import type { Statement } from '../../src/knowledge/schema.ts';
import { Answerer } from '../../src/search/answerer.ts';
import { buildEngine, loadKnowledgeIndex, type KnowledgeIndex } from '../../src/search/knowledge-index.ts';
import type { Platform } from '../../src/store/store.ts';
import { FileStore as Store } from '../../src/store/store.ts';
import type { TipCommands } from '../../src/tips/commands.ts';
import type { DeliveryResult, TipDeliveries, TipSubscription } from '../../src/tips/delivery.ts';
import type { TipScheduler } from '../../src/tips/scheduler.ts';
import type { TodaysTip } from '../../src/tips/today.ts';

export const baseIndex: KnowledgeIndex = loadKnowledgeIndex();

/** A knowledge source whose statements a test can edit, as a live data edit would. */
export class EditableKnowledge {
  current: KnowledgeIndex = baseIndex;
  replace(statements: readonly Statement[]): void {
    const byId = new Map(statements.map((s) => [s.id, s]));
    const engine = buildEngine(statements, baseIndex.lexicon);
    this.current = {
      ...baseIndex,
      kb: { statements, sources: baseIndex.kb.sources, byId },
      engine,
      answerer: new Answerer(engine, baseIndex.matcher, baseIndex.situations),
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
  platform: Platform;
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
  scheduler: TipScheduler;
  commands: TipCommands;
  deliveries: TipDeliveries;
  todaysTip: TodaysTip;
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
  platforms?: Platform[];
  schedule?: boolean;
  deliveryTimeoutMs?: number;
}): Promise<World> {
  const clock = options.clock ?? new TestClock(options.start);
  const store = options.store ?? (await Store.open(options.dbFile ?? ':memory:'));
  const knowledge = options.knowledge ?? new EditableKnowledge();
  const log = captureLog();
  const config = loadConfig({ ...(options.env ?? {}) });
  const { tips } = createCore(
    { config, knowledge, store, log },
    { now: clock.now, cron: options.schedule ?? false, ...(options.deliveryTimeoutMs ? { deliveryTimeoutMs: options.deliveryTimeoutMs } : {}) },
  );
  const world: World = {
    clock,
    store,
    knowledge,
    log,
    scheduler: tips.scheduler,
    commands: tips.commands,
    deliveries: tips.deliveries,
    todaysTip: tips.todaysTip,
    posts: [],
    attempts: [],
    respond: () => ({ ok: true }),
  };
  for (const platform of options.platforms ?? ['slack']) {
    tips.deliveries.register(platform, async (sub, reply) => {
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
  return world.commands.handle(time ? { type: 'tip-subscribe', time } : { type: 'tip-subscribe' }, { ...SLACK, channel });
}

export function textOf(reply: Reply): string {
  return [reply.title, reply.intro ?? ''].join('\n');
}
