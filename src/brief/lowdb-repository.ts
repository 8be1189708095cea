// The briefs in the embedded store (DB_FILE, lowdb), under store.data.briefs. Every change goes
// through the store's update path in one synchronous step, so a check and the write it leads to
// never interleave with another request or the scheduler.

import { z } from 'zod';
import type { Logger } from '../app.ts';
import type { Platform, Store } from '../store/store.ts';
import { MAX_RECIPIENTS, MAX_TEXT, MAX_USER_ID, type Brief } from './model.ts';
import type { BriefRepository } from './repository.ts';

interface BriefTable {
  version: 1;
  briefs: Record<string, Brief>;
  /** brief id → claim key → when it was claimed (ISO). */
  claims: Record<string, Record<string, string>>;
}

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

function emptyTable(): BriefTable {
  return { version: 1, briefs: {}, claims: {} };
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

export class LowdbBriefRepository implements BriefRepository {
  private checked: unknown;
  /** A stored value not yet written back and its validated copy, so it is validated once. */
  private pending: { raw: unknown; table: BriefTable } | undefined;

  constructor(
    private readonly store: Store,
    private readonly log?: Logger,
  ) {}

  async create(brief: Brief): Promise<void> {
    await this.write((t) => {
      t.briefs[brief.id] = clone(brief);
    });
  }

  async get(id: string): Promise<Brief | undefined> {
    const b = this.table().briefs[id];
    return b && clone(b);
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

  async update(id: string, change: (brief: Brief) => boolean | void): Promise<Brief | undefined> {
    let result: Brief | undefined;
    await this.write((t) => {
      const stored = t.briefs[id];
      if (!stored) return;
      const draft = clone(stored);
      if (change(draft) !== false) t.briefs[id] = draft;
      const written = t.briefs[id];
      if (written) result = clone(written);
    });
    return result;
  }

  async claim(briefId: string, key: string, at: Date): Promise<boolean> {
    let first = false;
    await this.write((t) => {
      if (!t.briefs[briefId]) return;
      const claims = (t.claims[briefId] ??= {});
      if (claims[key] !== undefined) return;
      claims[key] = at.toISOString();
      first = true;
    });
    return first;
  }

  async deleteWhere(expired: (brief: Brief) => boolean): Promise<number> {
    let removed = 0;
    await this.write((t) => {
      for (const [id, b] of Object.entries(t.briefs)) {
        if (!expired(b)) continue;
        delete t.briefs[id];
        delete t.claims[id];
        removed++;
      }
    });
    return removed;
  }

  private list(keep: (b: Brief) => boolean): Brief[] {
    return Object.values(this.table().briefs)
      .filter(keep)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .map(clone);
  }

  /** The stored table, validated once per stored object: a hand-edited file loses only what is invalid. */
  private table(): BriefTable {
    const raw = this.store.data.briefs as unknown;
    if (raw === this.checked) return raw as BriefTable;
    const pending = this.pending;
    if (pending && pending.raw === raw) return pending.table;
    const input = (raw && typeof raw === 'object' ? raw : {}) as Partial<BriefTable>;
    const table = emptyTable();
    for (const [id, value] of Object.entries(input.briefs ?? {})) {
      const parsed = BriefSchema.safeParse(value);
      if (parsed.success && parsed.data.id === id) table.briefs[id] = parsed.data as Brief;
      else this.log?.warn(`Brief og backbrief: briefs["${id}"] i DB_FILE er ugyldigt og ignoreres.`);
    }
    for (const [id, claims] of Object.entries(input.claims ?? {})) {
      if (table.briefs[id] && claims && typeof claims === 'object') table.claims[id] = { ...(claims as Record<string, string>) };
    }
    this.pending = { raw, table };
    return table;
  }

  private async write(change: (table: BriefTable) => void): Promise<void> {
    await this.store.update((d) => {
      const table = this.table();
      change(table);
      d.briefs = table as unknown as Record<string, unknown>;
      this.checked = d.briefs;
      this.pending = undefined;
    });
  }
}
