// What "Spørg HR" keeps: the questions leaders chose to send to HR, the answers HR saved as
// knowledge, the channels that receive the questions, and counts for HR's insight. Limits for
// what people type live here, so every front end and the store agree on them.

import type { Direction } from '../knowledge/directions.ts';
import type { Platform } from '../store/store.ts';

/** Longest question sent to HR. Fits a Slack button value, a modal and an Adaptive Card with room to spare. */
export const MAX_HR_QUESTION = 1500;
/** Longest answer from HR (a Slack text input holds 3000; a Block Kit section as much). */
export const MAX_HR_ANSWER = 2800;
/** Longest wording saved for finding an answer ("Sådan spørger ledere om det"). */
export const MAX_WORDING = 300;
/** Longest name a leader sends along. */
export const MAX_NAME = 100;

/** The kinds an HR answer can be saved as. */
export const SAVED_KINDS = ['do', 'dont', 'remark'] as const;
export type SavedKind = (typeof SAVED_KINDS)[number];

export type HrQuestionStatus = 'open' | 'answered' | 'closed';

/** Where one copy of a question was posted for HR (to mark it answered later). Opaque to the core. */
export interface HrPost {
  platform: Platform;
  /** The HR channel's id on that platform. */
  channel: string;
  /** What the front end needs to update its post (a Slack ts, a Teams activity id). */
  ref: unknown;
}

/** What became of HR's answer (or note) on its way to the leader. */
export interface HrDelivery {
  /** delivered; waiting: the page fetches it when opened; failed: the conversation is gone. */
  state: 'delivered' | 'waiting' | 'failed';
  /** Why it failed, in Danish, for HR's view. */
  note?: string;
}

export interface HrQuestion {
  /** Random, never derived from the text or the person. */
  id: string;
  /** The question as the leader chose to send it. */
  text: string;
  /** The platform it came from ("slack", "teams", "web"). */
  platform: Platform;
  /** ISO instant. */
  askedAt: string;
  /** Only when the leader chose to send their name. */
  name?: string;
  /** Ids of the statements the bot found nearest. */
  nearest: string[];
  status: HrQuestionStatus;
  posts: HrPost[];
  /** Where the answer goes (the front end's conversation reference); deleted once delivered. */
  asker?: unknown;
  /** HR's answer, or the note of "Ikke relevant". */
  answer?: { text: string; by: string; at: string; savedAnswerId?: string };
  /** When it was answered or closed (ISO): retention counts from here. */
  settledAt?: string;
  delivery?: HrDelivery;
}

/** An answer HR saved as knowledge: HR's text and the wording for finding it — never who asked. */
export interface SavedAnswer {
  /** "hr-…": shown and voted on like a statement. */
  id: string;
  /** "Sådan spørger ledere om det". */
  wording: string;
  text: string;
  direction: Direction;
  kind: SavedKind;
  /** Copenhagen day it was saved, YYYY-MM-DD: the source reads "HR, <dato>". */
  day: string;
}

/** A channel that receives the questions, registered by a command ("hr kanal til" in Teams). */
export interface HrDeskRecord {
  platform: Platform;
  channel: string;
  /** What the front end needs to post there (a Teams conversation reference). */
  address?: unknown;
  since: string;
}

/** Per week (its Monday): how many questions, how they were answered, the situations asked about. */
export interface WeekCounts {
  questions: number;
  high: number;
  low: number;
  none: number;
  /** Answered by a saved HR answer. */
  hr: number;
  situations: Record<string, number>;
}

/** The weekly summary for one HR channel, claimed before it is posted (exactly once). */
export interface SummaryClaim {
  state: 'claimed' | 'posted' | 'failed';
  claimedAt: string;
  postedAt?: string;
  error?: string;
}

export type NewHrQuestion = Pick<HrQuestion, 'text' | 'platform' | 'nearest'> & { name?: string; asker?: unknown; askedAt: string };
export type NewSavedAnswer = Omit<SavedAnswer, 'id'>;
