// Runtime state behind a small interface, persisted with lowdb as one JSON file (DB_FILE).
// Under GDPR we keep the minimum: no user ids, no question text in clear — questions are
// kept only as a salted hash, so the same question can be counted without being readable.

import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Low, Memory } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { copenhagenDay } from '../clock.ts';

/**
 * A front end's own name for its platform ("slack", "web", …). The core stores it and keys by it,
 * but never looks inside: which platforms exist is the front ends' business.
 */
export type Platform = string;
export type Vote = 'up' | 'down';

export interface FeedbackRecord {
  /** Day of the vote, YYYY-MM-DD (Copenhagen). */
  day: string;
  questionHash: string;
  statementIds: string[];
  vote: Vote;
  platform: Platform;
}

export interface QuestionRecord {
  day: string;
  questionHash: string;
  answered: boolean;
  platform: Platform;
}

export interface StoreData {
  version: 1;
  /** Random salt for question hashes, made once per installation. */
  salt: string;
  feedback: FeedbackRecord[];
  questions: QuestionRecord[];
  /** Conversation keys ("slack:C123") where every top-level message is a question. */
  questionChannels: string[];
  /** Delivery ids already handled ("<platform>:<id>"), with the time they were seen (ms), to answer retries once. */
  seenEvents: Record<string, number>;
  /** Owned by src/tips: subscriptions, rotation and the exactly-once claims. */
  tips: Record<string, unknown>;
  /** Owned by src/hr (its repository): questions sent to HR, saved answers, HR channels, insight counts. */
  hr: Record<string, unknown>;
  /**
   * Where a front end can post into a conversation later (a daily tip), by platform and then by
   * conversation id. Opaque here: each front end owns the shape of its own addresses.
   */
  addresses: Record<Platform, Record<string, unknown>>;
}

function emptyData(): StoreData {
  return {
    version: 1,
    salt: randomBytes(16).toString('hex'),
    feedback: [],
    questions: [],
    questionChannels: [],
    seenEvents: {},
    tips: {},
    hr: {},
    addresses: {},
  };
}

/** How long a delivery id is remembered. Platforms retry within minutes. */
const SEEN_EVENT_TTL_MS = 60 * 60 * 1000;

export class Store {
  private constructor(private readonly db: Low<StoreData>) {}

  /** Opens (or creates) the store. `file` undefined or ':memory:' keeps state in memory only. */
  static async open(file?: string): Promise<Store> {
    let db: Low<StoreData>;
    if (!file || file === ':memory:') {
      db = new Low<StoreData>(new Memory<StoreData>(), emptyData());
    } else {
      mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      db = new Low<StoreData>(new JSONFile<StoreData>(file), emptyData());
    }
    await db.read();
    // Fill in what an older or partial file lacks, without losing what it has.
    db.data = { ...emptyData(), ...(db.data ?? {}) };
    await db.write();
    return new Store(db);
  }

  get data(): Readonly<StoreData> {
    return this.db.data;
  }

  /** Changes state and persists it. Writes are serialised by lowdb's writer. */
  async update(change: (data: StoreData) => void): Promise<void> {
    change(this.db.data);
    await this.db.write();
  }

  /** Re-reads the file, for tools that run beside a live app (ledelse stats). */
  async reload(): Promise<void> {
    await this.db.read();
    this.db.data = { ...emptyData(), ...(this.db.data ?? {}) };
  }

  /** Salted SHA-256 of the normalised question: countable, not readable. */
  hashQuestion(question: string): string {
    const normalised = question.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
    return createHash('sha256').update(this.db.data.salt).update(normalised).digest('hex').slice(0, 32);
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

  /**
   * True the first time a delivery id is seen, false for a retry or duplicate. The id is
   * remembered for an hour. It is marked before the write is awaited, so two deliveries of the
   * same id handled at once still count once.
   */
  async firstDelivery(deliveryId: string, now = Date.now()): Promise<boolean> {
    if (this.db.data.seenEvents[deliveryId] !== undefined) return false;
    await this.update((d) => {
      for (const [id, at] of Object.entries(d.seenEvents)) if (now - at > SEEN_EVENT_TTL_MS) delete d.seenEvents[id];
      d.seenEvents[deliveryId] = now;
    });
    return true;
  }

  /** A front end's stored address for a conversation, as it stored it. */
  address(platform: Platform, conversation: string): unknown {
    return this.db.data.addresses[platform]?.[conversation];
  }

  /** Remembers (or refreshes) an address; writes only when something changed. */
  async rememberAddress(platform: Platform, conversation: string, address: unknown): Promise<void> {
    const known = this.address(platform, conversation);
    if (known !== undefined && JSON.stringify(known) === JSON.stringify(address)) return;
    await this.update((d) => {
      (d.addresses[platform] ??= {})[conversation] = address;
    });
  }

  async forgetAddress(platform: Platform, conversation: string): Promise<void> {
    if (this.address(platform, conversation) === undefined) return;
    await this.update((d) => {
      delete d.addresses[platform]?.[conversation];
    });
  }

  isQuestionChannel(key: string): boolean {
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

  /**
   * Deletes feedback and question records older than `retentionDays` days. Run at start-up
   * and daily, so nothing is kept longer than README promises.
   */
  async prune(retentionDays: number, now = new Date()): Promise<number> {
    const cutoff = copenhagenDay(new Date(now.getTime() - retentionDays * 86_400_000));
    let removed = 0;
    await this.update((d) => {
      const before = d.feedback.length + d.questions.length;
      d.feedback = d.feedback.filter((f) => f.day >= cutoff);
      d.questions = d.questions.filter((q) => q.day >= cutoff);
      removed = before - d.feedback.length - d.questions.length;
    });
    return removed;
  }

  stats(): { votes: Map<string, { up: number; down: number }>; questions: number; unanswered: number } {
    const votes = new Map<string, { up: number; down: number }>();
    for (const f of this.db.data.feedback) {
      for (const id of f.statementIds) {
        const v = votes.get(id) ?? { up: 0, down: 0 };
        v[f.vote]++;
        votes.set(id, v);
      }
    }
    const questions = this.db.data.questions.length;
    const unanswered = this.db.data.questions.filter((q) => !q.answered).length;
    return { votes, questions, unanswered };
  }
}
