// The briefs in the runtime store, on either implementation (the lowdb file or PostgreSQL): one
// opaque record per brief (namespace "briefs") and one per claim ("brief-claims"). A claim is
// decided by the store's atomic first-delivery check, so two instances never both send the same
// reminder; the claim record keeps it decided after the check's hour has passed.

import { z } from 'zod';
import type { Logger } from '../app.ts';
import type { Platform, Store } from '../store/store.ts';
import { MAX_RECIPIENTS, MAX_TEXT, MAX_USER_ID, type Brief } from './model.ts';
import type { BriefRepository } from './repository.ts';

const BRIEFS = 'briefs';
const CLAIMS = 'brief-claims';
const text = z.string().max(MAX_TEXT);
const iso = z.string().refine((v) => !Number.isNaN(Date.parse(v)));
const BriefSchema = z.object({
  id: z.string().min(1).max(40),
  platform: z.string().min(1).max(40),
  author: z.string().min(1).max(MAX_USER_ID),
  recipients: z
    .array(
      z.object({
        user: z.string().min(1).max(MAX_USER_ID),
        delivery: z.enum(['pending', 'delivered', 'failed']),
        failure: z.string().max(500).optional(),
        backbrief: z.object({ understood: text, plan: text, needs: text, at: iso }).optional(),
      }),
    )
    .max(MAX_RECIPIENTS),
  intent: text,
  frame: text,
  deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  situation: z.string().max(100).optional(),
  createdAt: iso,
  status: z.enum(['open', 'closed']),
  closedAt: iso.optional(),
  address: z.unknown().optional(),
});

function clone<T>(value: T): T {
  return structuredClone(value);
}

export class StoreBriefRepository implements BriefRepository {
  /** Changes to one brief, one after another in this process. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: Store,
    private readonly log?: Logger,
  ) {}

  async create(brief: Brief): Promise<void> {
    await this.store.putRecord(BRIEFS, brief.id, clone(brief));
  }

  async get(id: string): Promise<Brief | undefined> {
    return this.valid(id, await this.store.getRecord(BRIEFS, id));
  }

  async byAuthor(platform: Platform, author: string): Promise<Brief[]> {
    return this.list((b) => b.platform === platform && b.author === author);
  }

  async openFor(platform: Platform, recipient: string): Promise<Brief[]> {
    return this.list((b) => b.platform === platform && b.status === 'open' && b.recipients.some((r) => r.user === recipient));
  }

  async open(): Promise<Brief[]> {
    return this.list((b) => b.status === 'open');
  }

  update(id: string, change: (brief: Brief) => boolean | void): Promise<Brief | undefined> {
    const run = async (): Promise<Brief | undefined> => {
      const stored = await this.get(id);
      if (!stored) return undefined;
      const draft = clone(stored);
      if (change(draft) === false) return stored;
      await this.store.putRecord(BRIEFS, id, draft);
      return clone(draft);
    };
    const previous = this.queues.get(id) ?? Promise.resolve();
    const next = previous.then(run, run);
    this.queues.set(id, next.catch(() => undefined));
    return next;
  }

  async claim(briefId: string, key: string, at: Date): Promise<boolean> {
    if (!(await this.get(briefId))) return false;
    const claimKey = `${briefId}|${key}`;
    if ((await this.store.getRecord(CLAIMS, claimKey)) !== undefined) return false;
    if (!(await this.store.firstDelivery(`brief-claim:${claimKey}`))) return false;
    await this.store.putRecord(CLAIMS, claimKey, at.toISOString());
    return true;
  }

  async deleteWhere(expired: (brief: Brief) => boolean): Promise<number> {
    const doomed = await this.list(expired);
    const claims = Object.keys(await this.store.listRecords(CLAIMS));
    for (const b of doomed) {
      await this.store.deleteRecord(BRIEFS, b.id);
      for (const k of claims) if (k.startsWith(`${b.id}|`)) await this.store.deleteRecord(CLAIMS, k);
    }
    return doomed.length;
  }

  private async list(keep: (b: Brief) => boolean): Promise<Brief[]> {
    const all = await this.store.listRecords(BRIEFS);
    return Object.entries(all)
      .map(([id, raw]) => this.valid(id, raw))
      .filter((b): b is Brief => !!b && keep(b))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /** A stored brief as validated data; an invalid one (a hand-edited file) is left out and logged. */
  private valid(id: string, raw: unknown): Brief | undefined {
    if (raw === undefined) return undefined;
    const parsed = BriefSchema.safeParse(raw);
    if (parsed.success && parsed.data.id === id) return clone(parsed.data as Brief);
    this.log?.warn(`Brief og backbrief: briefen "${id}" i lageret er ugyldig og ignoreres.`);
    return undefined;
  }
}
