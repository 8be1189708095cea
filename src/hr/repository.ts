// Everything "Spørg HR" keeps, behind one small async interface. The implementation on the
// runtime store's records (either the lowdb file or PostgreSQL) is StoreHrRepository
// (store-repository.ts); what must happen once across instances is decided there by the store's
// atomic first-delivery check.

import { randomBytes } from 'node:crypto';
import type { HrDelivery, HrDeskRecord, HrPost, HrQuestion, NewHrQuestion, NewSavedAnswer, SavedAnswer, SummaryClaim, WeekCounts } from './model.ts';
import type { QuestionOutcome } from '../bot/hr-port.ts';

export type Settlement =
  | { status: 'answered'; text: string; by: string; at: string }
  | { status: 'closed'; text: string; by: string; at: string };

export type SettleResult = { ok: true; question: HrQuestion } | { ok: false; question?: HrQuestion };

export interface HrRepository {
  addQuestion(question: NewHrQuestion): Promise<HrQuestion>;
  question(id: string): Promise<HrQuestion | undefined>;
  /** Every kept question, oldest first. */
  questions(): Promise<HrQuestion[]>;
  addPost(id: string, post: HrPost): Promise<void>;
  /** Answers or closes an open question. The first answer wins; a later one gets `ok: false`. */
  settle(id: string, settlement: Settlement): Promise<SettleResult>;
  /** Links a settled question to the saved answer made from it. */
  linkSavedAnswer(id: string, savedAnswerId: string): Promise<void>;
  /** Records the delivery; once delivered (or failed for good) the asker's reference is deleted. */
  recordDelivery(id: string, delivery: HrDelivery): Promise<void>;
  /**
   * The settled questions among `ids` whose answer waits to be fetched (the local page), marked
   * delivered in the same step, so an answer is handed out once.
   */
  takeWaiting(ids: readonly string[]): Promise<HrQuestion[]>;
  /** Deletes questions settled before `before` (ISO). Returns how many. */
  pruneSettled(before: string): Promise<number>;

  saveAnswer(answer: NewSavedAnswer): Promise<SavedAnswer>;
  savedAnswers(): Promise<SavedAnswer[]>;
  removeSavedAnswer(id: string): Promise<boolean>;
  /** Changes with every saved or removed answer: an instance rebuilds its index when it differs. */
  savedAnswersVersion(): Promise<number>;

  desks(): Promise<HrDeskRecord[]>;
  putDesk(desk: HrDeskRecord): Promise<void>;
  removeDesk(platform: string, channel: string): Promise<boolean>;

  countQuestion(week: string, outcome: QuestionOutcome, situation: string | undefined): Promise<void>;
  weeks(): Promise<Record<string, WeekCounts>>;

  /** Claims (channel, week) for the weekly summary; false when it was claimed before. */
  claimSummary(channelKey: string, week: string, at: string): Promise<boolean>;
  recordSummary(channelKey: string, week: string, outcome: Pick<SummaryClaim, 'state' | 'postedAt' | 'error'>): Promise<void>;
  summaryClaim(channelKey: string, week: string): Promise<SummaryClaim | undefined>;

  /** Deletes every question and saved answer ("ledelse hr purge"). The channels and counts stay. */
  purge(): Promise<{ questions: number; answers: number }>;
}

/** Weeks of insight counts kept (two years); they hold no text and no person. */
export const WEEKS_KEPT = 104;

export function newId(prefix: string): string {
  return `${prefix}${randomBytes(6).toString('hex')}`;
}

