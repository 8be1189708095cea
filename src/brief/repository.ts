// Where briefs are kept: a small async interface, so the embedded lowdb file and a database
// (PostgreSQL) can both hold them. Every change is a read-modify-write of one brief done
// atomically by the implementation; claims make reminders and notes exactly-once across
// restarts and instances.

import type { Platform } from '../store/store.ts';
import type { Brief } from './model.ts';

export interface BriefRepository {
  /** Stores a new brief. */
  create(brief: Brief): Promise<void>;
  get(id: string): Promise<Brief | undefined>;
  /** The briefs a person wrote, newest first. */
  byAuthor(platform: Platform, author: string): Promise<Brief[]>;
  /** The open briefs a person has received, newest first. */
  openFor(platform: Platform, recipient: string): Promise<Brief[]>;
  /** Every open brief (for reminders and notes). */
  open(): Promise<Brief[]>;
  /**
   * Changes one brief atomically: `change` sees it as stored at the moment of writing and may
   * return false to write nothing. Resolves to the brief as written (or as it was, unchanged),
   * undefined when there is no such brief.
   */
  update(id: string, change: (brief: Brief) => boolean | void): Promise<Brief | undefined>;
  /**
   * Exactly once: true the first time `key` is claimed for the brief (e.g. "reminder:U1:2026-03-02"),
   * false ever after. A claim is written before anything is sent, so a crash can cost a message
   * but never send it twice.
   */
  claim(briefId: string, key: string, at: Date): Promise<boolean>;
  /** Deletes briefs (and their claims) that `expired` says are past keeping; how many. */
  deleteWhere(expired: (brief: Brief) => boolean): Promise<number>;
}
