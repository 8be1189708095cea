// The embedded default: all state in one JSON file (DB_FILE) through lowdb. Right for a pilot
// and for `npm start` — one process per file. For more than one instance, see
// src/store/postgres/ (DATABASE_URL).

import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Low, Memory } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { copenhagenDay } from '../clock.ts';
import {
  SEEN_EVENT_TTL_MS,
  type ChangeTopic,
  type FeedbackRecord,
  type Platform,
  type Store,
  type StoreData,
  type StoreHealth,
  type StoreStats,
  type TipDocuments,
} from './types.ts';

/** The file's document. */
export type FileStoreData = StoreData;

function emptyData(): FileStoreData {
  return {
    version: 1,
    salt: randomBytes(16).toString('hex'),
    feedback: [],
    questions: [],
    questionChannels: [],
    seenEvents: {},
    tips: {},
    addresses: {},
    records: {},
  };
}

/**
 * A state file's contents without opening it as a store (nothing is written to it): what
 * `ledelse migrate-state` moves. `olderAddresses` names top-level fields in which files from
 * before addresses were kept by platform held a platform's addresses (field → platform); the
 * front end that wrote them says which.
 */
export function readStateFile(file: string, olderAddresses: Record<string, Platform> = {}): StoreData {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<FileStoreData> | null;
  if (!raw || typeof raw !== 'object' || typeof raw.salt !== 'string') {
    throw new Error(`${file} er ikke en Ledelsesbot-tilstandsfil (feltet "salt" mangler).`);
  }
  const data = { ...emptyData(), ...raw };
  adoptOlderAddresses(data, olderAddresses);
  return data;
}

/** Moves a platform's addresses from an older top-level field into `addresses`; true if any moved. */
function adoptOlderAddresses(data: FileStoreData, older: Record<string, Platform>): boolean {
  const fields = data as unknown as Record<string, unknown>;
  let moved = false;
  for (const [field, platform] of Object.entries(older)) {
    const legacy = fields[field];
    if (legacy === undefined) continue;
    if (legacy && typeof legacy === 'object') data.addresses[platform] = { ...(legacy as Record<string, unknown>), ...(data.addresses[platform] ?? {}) };
    delete fields[field];
    moved = true;
  }
  return moved;
}

/** Normalises a question the same way for every store, so a hash means the same everywhere. */
export function hashWithSalt(salt: string, question: string): string {
  const normalised = question.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(salt).update(normalised).digest('hex').slice(0, 32);
}

/** The tip documents inside a raw `tips` value, with every map present. */
function tipDocuments(raw: unknown): TipDocuments {
  const map = (v: unknown) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, never>) : {});
  const tips = map(raw) as Record<string, unknown>;
  return { subscriptions: map(tips.subscriptions), rotations: map(tips.rotations), claims: map(tips.claims) };
}

export function countVotes(feedback: Iterable<Pick<FeedbackRecord, 'statementIds' | 'vote'>>): StoreStats['votes'] {
  const votes = new Map<string, { up: number; down: number }>();
  for (const f of feedback) {
    for (const id of f.statementIds) {
      const v = votes.get(id) ?? { up: 0, down: 0 };
      v[f.vote]++;
      votes.set(id, v);
    }
  }
  return votes;
}

export class FileStore implements Store {
  readonly kind = 'file' as const;
  /** Serialises updateTips, so two tip services on one file never interleave a claim. */
  private tipsQueue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly db: Low<FileStoreData>) {}

  /** Opens (or creates) the store. `file` undefined or ':memory:' keeps state in memory only. */
  static async open(file?: string): Promise<FileStore> {
    let db: Low<FileStoreData>;
    if (!file || file === ':memory:') {
      db = new Low<FileStoreData>(new Memory<FileStoreData>(), emptyData());
    } else {
      mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      db = new Low<FileStoreData>(new JSONFile<FileStoreData>(file), emptyData());
    }
    await db.read();
    // Fill in what an older or partial file lacks, without losing what it has.
    db.data = { ...emptyData(), ...(db.data ?? {}) };
    await db.write();
    return new FileStore(db);
  }

  get data(): Readonly<FileStoreData> {
    return this.db.data;
  }

  /** Changes state and persists it. Writes are serialised by lowdb's writer. */
  async update(change: (data: FileStoreData) => void): Promise<void> {
    change(this.db.data);
    await this.db.write();
  }

  /** Re-reads the file, for tools that run beside a live app (ledelse stats). */
  async reload(): Promise<void> {
    await this.db.read();
    this.db.data = { ...emptyData(), ...(this.db.data ?? {}) };
  }

  /** Adopts addresses an older file kept in a field of its own (see readStateFile). */
  async adoptOlderAddresses(older: Record<string, Platform>): Promise<void> {
    if (!Object.keys(older).some((field) => field in this.db.data)) return;
    await this.update((d) => void adoptOlderAddresses(d, older));
  }

  hashQuestion(question: string): string {
    return hashWithSalt(this.db.data.salt, question);
  }

  async recordQuestion(question: string, answered: boolean, platform: Platform, now = new Date()): Promise<string> {
    const questionHash = this.hashQuestion(question);
    await this.update((d) => {
      d.questions.push({ day: copenhagenDay(now), questionHash, answered, platform });
    });
    return questionHash;
  }

  async recordFeedback(record: Omit<FeedbackRecord, 'day'>, now = new Date()): Promise<void> {
    await this.update((d) => {
      d.feedback.push({ ...record, day: copenhagenDay(now) });
    });
  }

  async firstDelivery(deliveryId: string, now = Date.now()): Promise<boolean> {
    const seen = this.db.data.seenEvents[deliveryId];
    if (seen !== undefined && now - seen <= SEEN_EVENT_TTL_MS) return false;
    await this.update((d) => {
      for (const [id, at] of Object.entries(d.seenEvents)) if (now - at > SEEN_EVENT_TTL_MS) delete d.seenEvents[id];
      d.seenEvents[deliveryId] = now;
    });
    return true;
  }

  async isQuestionChannel(key: string): Promise<boolean> {
    return this.db.data.questionChannels.includes(key);
  }

  async setQuestionChannel(key: string, on: boolean): Promise<void> {
    await this.update((d) => {
      const set = new Set(d.questionChannels);
      if (on) set.add(key);
      else set.delete(key);
      d.questionChannels = [...set];
    });
  }

  async questionChannels(): Promise<string[]> {
    return [...this.db.data.questionChannels];
  }

  // ---- addresses and opaque records --------------------------------------------------------

  async address(platform: Platform, conversation: string): Promise<unknown> {
    return structuredClone(this.db.data.addresses[platform]?.[conversation]);
  }

  async rememberAddress(platform: Platform, conversation: string, address: unknown): Promise<void> {
    const known = this.db.data.addresses[platform]?.[conversation];
    if (known !== undefined && JSON.stringify(known) === JSON.stringify(address)) return;
    await this.update((d) => {
      (d.addresses[platform] ??= {})[conversation] = structuredClone(address);
    });
  }

  async forgetAddress(platform: Platform, conversation: string): Promise<void> {
    if (this.db.data.addresses[platform]?.[conversation] === undefined) return;
    await this.update((d) => {
      delete d.addresses[platform]?.[conversation];
    });
  }

  async getRecord(namespace: string, key: string): Promise<unknown> {
    return structuredClone(this.db.data.records[namespace]?.[key]);
  }

  async putRecord(namespace: string, key: string, value: unknown): Promise<void> {
    await this.update((d) => {
      (d.records[namespace] ??= {})[key] = structuredClone(value);
    });
  }

  async deleteRecord(namespace: string, key: string): Promise<void> {
    if (!this.db.data.records[namespace] || !(key in this.db.data.records[namespace])) return;
    await this.update((d) => {
      delete d.records[namespace]?.[key];
    });
  }

  async listRecords(namespace: string): Promise<Record<string, unknown>> {
    return structuredClone(this.db.data.records[namespace] ?? {});
  }

  // ---- tips --------------------------------------------------------------------------------

  async readTips(): Promise<TipDocuments> {
    return structuredClone(tipDocuments(this.db.data.tips));
  }

  updateTips<T>(change: (docs: TipDocuments) => T): Promise<T> {
    const run = this.tipsQueue.then(async () => {
      // Changed on a copy and swapped in whole: a change that throws leaves the state as it was.
      const docs = structuredClone(tipDocuments(this.db.data.tips));
      const result = change(docs);
      await this.update((d) => {
        d.tips = { version: 1, ...docs };
      });
      return result;
    });
    this.tipsQueue = run.catch(() => undefined);
    return run;
  }

  // ---- housekeeping ------------------------------------------------------------------------

  async prune(retentionDays: number, now = new Date()): Promise<number> {
    const cutoff = copenhagenDay(new Date(now.getTime() - retentionDays * 86_400_000));
    let removed = 0;
    await this.update((d) => {
      const before = d.feedback.length + d.questions.length;
      d.feedback = d.feedback.filter((f) => f.day >= cutoff);
      d.questions = d.questions.filter((q) => q.day >= cutoff);
      removed = before - d.feedback.length - d.questions.length;
      for (const [id, at] of Object.entries(d.seenEvents)) if (now.getTime() - at > SEEN_EVENT_TTL_MS) delete d.seenEvents[id];
    });
    return removed;
  }

  async stats(): Promise<StoreStats> {
    const questions = this.db.data.questions.length;
    const unanswered = this.db.data.questions.filter((q) => !q.answered).length;
    return { votes: countVotes(this.db.data.feedback), questions, unanswered };
  }

  async exportData(): Promise<StoreData> {
    return structuredClone(this.db.data);
  }

  async importData(data: StoreData): Promise<{ imported: Record<string, number> }> {
    const incoming = structuredClone(data);
    const imported: Record<string, number> = { feedback: incoming.feedback.length, questions: incoming.questions.length };
    await this.update((d) => {
      if (!d.feedback.length && !d.questions.length) d.salt = incoming.salt;
      d.feedback.push(...incoming.feedback);
      d.questions.push(...incoming.questions);
      d.questionChannels = [...new Set([...d.questionChannels, ...incoming.questionChannels])];
      const tips = tipDocuments(d.tips);
      const from = tipDocuments(incoming.tips);
      d.tips = {
        ...d.tips,
        subscriptions: { ...from.subscriptions, ...tips.subscriptions },
        rotations: { ...from.rotations, ...tips.rotations },
        claims: { ...from.claims, ...tips.claims },
      };
      for (const [platform, entries] of Object.entries(incoming.addresses ?? {})) {
        for (const [key, value] of Object.entries(entries)) (d.addresses[platform] ??= {})[key] ??= value;
      }
      for (const [ns, entries] of Object.entries(incoming.records ?? {})) {
        for (const [key, value] of Object.entries(entries)) (d.records[ns] ??= {})[key] ??= value;
      }
    });
    return { imported };
  }

  async notifyChange(_topic: ChangeTopic): Promise<void> {}

  onChange(_listener: (topic: ChangeTopic) => void): () => void {
    // One process per file: nobody else writes it.
    return () => {};
  }

  health(): StoreHealth {
    return { ready: true };
  }

  async close(_timeoutMs?: number): Promise<void> {}
}
