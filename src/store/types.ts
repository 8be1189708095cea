// The runtime state's one interface. Two implementations: a lowdb JSON file (the zero-setup
// default, src/store/file-store.ts) and PostgreSQL when DATABASE_URL is set
// (src/store/postgres/). Every method is async, so callers never assume the state is in this
// process; what must be exactly-once across instances (event de-duplication, tip claims) is
// decided by the store in one atomic step, never by a read followed by a write in the caller.
//
// Under GDPR we keep the minimum: no user ids, no question text in clear — questions are kept
// only as a salted hash, so the same question can be counted without being readable.

/**
 * A front end's own name for its platform ("slack", "web", …). The store keys by it but never
 * looks inside: which platforms exist is the front ends' business.
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

/**
 * The tip core's stored documents, keyed as the core keys them. The store keeps each entry as an
 * opaque JSON value (the tip core validates what it reads); it knows only that a claim is unique
 * per (channel key, day).
 */
export interface TipDocuments {
  subscriptions: Record<string, unknown>;
  rotations: Record<string, unknown>;
  /** channel key → Copenhagen day → claim. */
  claims: Record<string, Record<string, unknown>>;
}

/**
 * The whole state as one JSON document: the lowdb file's format, and what
 * `ledelse migrate-state` moves from a file into PostgreSQL.
 */
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
  /**
   * Where a front end can post into a conversation later (a daily tip), by platform and then by
   * conversation id. Opaque here: each front end owns the shape of its own addresses.
   */
  addresses: Record<Platform, Record<string, unknown>>;
  /** Other opaque records by namespace and key (the store's own bookkeeping, later features). */
  records: Record<string, Record<string, unknown>>;
}

export interface StoreStats {
  votes: Map<string, { up: number; down: number }>;
  questions: number;
  unanswered: number;
}

/** What changed, for instances that cache: sent by the writer, received by every other instance. */
export type ChangeTopic = 'question-channels' | 'tips' | 'records' | 'knowledge';

export interface StoreHealth {
  /** Can the store take writes now? */
  ready: boolean;
  /** Why not, in a short English phrase for logs and /readyz. */
  detail?: string;
  /** Writes accepted while the database was unreachable, waiting to be written. */
  pending?: number;
}

/** How long a delivery id is remembered. Platforms retry within minutes. */
export const SEEN_EVENT_TTL_MS = 60 * 60 * 1000;

export interface Store {
  readonly kind: 'file' | 'postgres';

  /** Salted SHA-256 of the normalised question: countable, not readable. */
  hashQuestion(question: string): string;
  /** Records that a question was asked (as its hash); returns the hash. */
  recordQuestion(question: string, answered: boolean, platform: Platform, now?: Date): Promise<string>;
  recordFeedback(record: Omit<FeedbackRecord, 'day'>, now?: Date): Promise<void>;

  /**
   * True the first time a delivery id is seen by any instance, false for a retry or duplicate.
   * The id is remembered for an hour (SEEN_EVENT_TTL_MS).
   */
  firstDelivery(deliveryId: string, now?: number): Promise<boolean>;

  isQuestionChannel(key: string): Promise<boolean>;
  setQuestionChannel(key: string, on: boolean): Promise<void>;
  questionChannels(): Promise<string[]>;

  /** A front end's stored address for a conversation, as it stored it. */
  address(platform: Platform, conversation: string): Promise<unknown>;
  /** Remembers (or refreshes) an address; writes only when something changed. */
  rememberAddress(platform: Platform, conversation: string, address: unknown): Promise<void>;
  forgetAddress(platform: Platform, conversation: string): Promise<void>;

  /** An opaque record, or undefined. */
  getRecord(namespace: string, key: string): Promise<unknown>;
  putRecord(namespace: string, key: string, value: unknown): Promise<void>;
  deleteRecord(namespace: string, key: string): Promise<void>;
  listRecords(namespace: string): Promise<Record<string, unknown>>;

  /** A copy of the tip core's documents as they are now. */
  readTips(): Promise<TipDocuments>;
  /**
   * Changes the tip documents atomically: `change` gets the current documents (fresh, under a
   * lock that every instance honours) and changes them in place; the store writes what changed.
   * A new claim is a new unique (channel, day) row: if another instance made it first, the whole
   * change is rolled back and the promise rejects. `change` must be synchronous and may run again.
   */
  updateTips<T>(change: (docs: TipDocuments) => T): Promise<T>;

  /** Deletes feedback and question records older than `retentionDays`, and expired event ids. */
  prune(retentionDays: number, now?: Date): Promise<number>;
  stats(): Promise<StoreStats>;

  /** The whole state as one document (for `migrate-state` and tests). */
  exportData(): Promise<StoreData>;
  /** Adds a file's state to this store (salt included when this store has no data yet). */
  importData(data: StoreData): Promise<{ imported: Record<string, number> }>;

  /** Tells the other instances that something changed (no-op for the file store). */
  notifyChange(topic: ChangeTopic): Promise<void>;
  /** Called when another instance reports a change. Returns an unsubscribe function. */
  onChange(listener: (topic: ChangeTopic) => void): () => void;

  health(): StoreHealth;
  /** Writes what is pending (bounded by `timeoutMs`) and closes connections. */
  close(timeoutMs?: number): Promise<void>;
}
