// A controlled world for brief and backbrief: the real core on a clock the test moves, and a
// delivery that records what each person would receive.

import type { MessageContext } from '../../src/bot/context.ts';
import type { Reply } from '../../src/bot/reply.ts';
import { loadConfig } from '../../src/config.ts';
import { createCore, type Core } from '../../src/core.ts';
import { FileStore as Store } from '../../src/store/store.ts';
import type { DeliveryResult } from '../../src/tips/delivery.ts';
import { testLog, type TestLog } from '../helpers/deps.ts';
import { EditableKnowledge, TestClock } from '../tips/helpers.ts';

export const PLATFORM = 'test';

export interface Sent {
  user: string;
  at: Date;
  reply: Reply;
}

export interface BriefWorld {
  clock: TestClock;
  store: Store;
  core: Core;
  log: TestLog;
  sent: Sent[];
  /** What a delivery answers (default ok); per person. */
  respond: (user: string) => DeliveryResult;
  ctx(user: string): MessageContext;
  /** Messages a person got, in order. */
  inbox(user: string): Reply[];
}

export async function briefWorld(start: Date, env: Record<string, string> = {}, store?: Store): Promise<BriefWorld> {
  const clock = new TestClock(start);
  const db = store ?? (await Store.open(':memory:'));
  const log = testLog();
  const core = createCore({ config: loadConfig(env), knowledge: new EditableKnowledge(), store: db, log }, { now: clock.now, cron: false });
  const world: BriefWorld = {
    clock,
    store: db,
    core,
    log,
    sent: [],
    respond: () => ({ ok: true }),
    ctx: (user) => ({ platform: PLATFORM, user, commandPrefix: '', capabilities: { tipSubscriptions: false, questionChannels: false, forms: true } }),
    inbox: (user) => world.sent.filter((s) => s.user === user).map((s) => s.reply),
  };
  core.brief.deliveries.register(PLATFORM, async (person, reply) => {
    const result = world.respond(person.user);
    if (result.ok) world.sent.push({ user: person.user, at: clock.now(), reply });
    return result;
  });
  return world;
}

/** The text of a reply's details, one line each: "Label: text [people]". */
export function detailsText(reply: Reply): string {
  return (reply.groups ?? [])
    .flatMap((g) => [g.title ?? '', ...g.details.map((d) => `${d.label}: ${d.text ?? ''}${d.people ? ` [${d.people.join(', ')}]` : ''}`)])
    .join('\n');
}
