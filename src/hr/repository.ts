// Everything "Spørg HR" keeps, behind one small async interface, so the state can live in lowdb
// (the default, below) or in PostgreSQL (the same interface over tables). Each method is one
// step: a check and the write it leads to never interleave with another request — the lowdb
// version does both inside one synchronous store update; a PostgreSQL version does them in one
// transaction (or one conditional UPDATE).

import { randomBytes } from 'node:crypto';
import type { Store } from '../store/store.ts';
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

/** The shape kept under store.data.hr. */
interface HrState {
  version: 1;
  questions: HrQuestion[];
  answers: SavedAnswer[];
  answersVersion: number;
  desks: HrDeskRecord[];
  weeks: Record<string, WeekCounts>;
  summaries: Record<string, Record<string, SummaryClaim>>;
}

/** Weeks of insight counts kept (two years); they hold no text and no person. */
export const WEEKS_KEPT = 104;

function emptyState(): HrState {
  return { version: 1, questions: [], answers: [], answersVersion: 0, desks: [], weeks: {}, summaries: {} };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A usable state from whatever the file holds: a hand-edited or older file never crashes the app. */
function normalize(raw: unknown): HrState {
  const r = isObject(raw) ? raw : {};
  const state = emptyState();
  if (Array.isArray(r.questions)) state.questions = r.questions.filter((q): q is HrQuestion => isObject(q) && typeof q.id === 'string' && typeof q.text === 'string');
  for (const q of state.questions) {
    q.posts = Array.isArray(q.posts) ? q.posts : [];
    q.nearest = Array.isArray(q.nearest) ? q.nearest : [];
  }
  if (Array.isArray(r.answers)) state.answers = r.answers.filter((a): a is SavedAnswer => isObject(a) && typeof a.id === 'string' && typeof a.wording === 'string' && typeof a.text === 'string');
  if (typeof r.answersVersion === 'number') state.answersVersion = r.answersVersion;
  if (Array.isArray(r.desks)) state.desks = r.desks.filter((d): d is HrDeskRecord => isObject(d) && typeof d.platform === 'string' && typeof d.channel === 'string');
  if (isObject(r.weeks)) state.weeks = r.weeks as Record<string, WeekCounts>;
  if (isObject(r.summaries)) state.summaries = r.summaries as Record<string, Record<string, SummaryClaim>>;
  return state;
}

export function newId(prefix: string): string {
  return `${prefix}${randomBytes(6).toString('hex')}`;
}

function copy<T>(value: T): T {
  return structuredClone(value);
}

/** The lowdb implementation: state under store.data.hr, every change one store update. */
export class LowdbHrRepository implements HrRepository {
  private checked: unknown;

  constructor(private readonly store: Store) {}

  private get state(): HrState {
    const raw = this.store.data.hr as unknown;
    if (raw !== this.checked) {
      // Validated once per object; writes below keep the same object.
      const state = normalize(raw);
      (this.store.data as { hr: unknown }).hr = state;
      this.checked = state;
      return state;
    }
    return raw as HrState;
  }

  private async write<T>(change: (state: HrState) => T): Promise<T> {
    let result!: T;
    await this.store.update((d) => {
      const state = this.state;
      result = change(state);
      d.hr = state as unknown as Record<string, unknown>;
      this.checked = state;
    });
    return result;
  }

  async addQuestion(input: NewHrQuestion): Promise<HrQuestion> {
    const question: HrQuestion = {
      id: newId('q'),
      text: input.text,
      platform: input.platform,
      askedAt: input.askedAt,
      nearest: [...input.nearest],
      status: 'open',
      posts: [],
      ...(input.name ? { name: input.name } : {}),
      ...(input.asker !== undefined ? { asker: input.asker } : {}),
    };
    await this.write((s) => s.questions.push(question));
    return copy(question);
  }

  async question(id: string): Promise<HrQuestion | undefined> {
    const q = this.state.questions.find((x) => x.id === id);
    return q && copy(q);
  }

  async questions(): Promise<HrQuestion[]> {
    return copy(this.state.questions);
  }

  async addPost(id: string, post: HrPost): Promise<void> {
    await this.write((s) => s.questions.find((q) => q.id === id)?.posts.push(post));
  }

  async settle(id: string, settlement: Settlement): Promise<SettleResult> {
    return this.write((s): SettleResult => {
      const q = s.questions.find((x) => x.id === id);
      if (!q) return { ok: false };
      if (q.status !== 'open') return { ok: false, question: copy(q) };
      q.status = settlement.status;
      q.answer = { text: settlement.text, by: settlement.by, at: settlement.at };
      q.settledAt = settlement.at;
      return { ok: true, question: copy(q) };
    });
  }

  async linkSavedAnswer(id: string, savedAnswerId: string): Promise<void> {
    await this.write((s) => {
      const q = s.questions.find((x) => x.id === id);
      if (q?.answer) q.answer.savedAnswerId = savedAnswerId;
    });
  }

  async recordDelivery(id: string, delivery: HrDelivery): Promise<void> {
    await this.write((s) => {
      const q = s.questions.find((x) => x.id === id);
      if (!q) return;
      q.delivery = { ...delivery };
      if (delivery.state !== 'waiting') delete q.asker;
    });
  }

  async takeWaiting(ids: readonly string[]): Promise<HrQuestion[]> {
    const wanted = new Set(ids);
    return this.write((s) => {
      const taken: HrQuestion[] = [];
      for (const q of s.questions) {
        if (!wanted.has(q.id) || q.status === 'open' || q.delivery?.state !== 'waiting') continue;
        q.delivery = { state: 'delivered' };
        delete q.asker;
        taken.push(copy(q));
      }
      return taken;
    });
  }

  async pruneSettled(before: string): Promise<number> {
    return this.write((s) => {
      const n = s.questions.length;
      s.questions = s.questions.filter((q) => q.status === 'open' || !q.settledAt || q.settledAt >= before);
      return n - s.questions.length;
    });
  }

  async saveAnswer(input: NewSavedAnswer): Promise<SavedAnswer> {
    const answer: SavedAnswer = { id: newId('hr-'), ...input };
    await this.write((s) => {
      s.answers.push(answer);
      s.answersVersion++;
    });
    return copy(answer);
  }

  async savedAnswers(): Promise<SavedAnswer[]> {
    return copy(this.state.answers);
  }

  async removeSavedAnswer(id: string): Promise<boolean> {
    return this.write((s) => {
      const n = s.answers.length;
      s.answers = s.answers.filter((a) => a.id !== id);
      if (s.answers.length === n) return false;
      s.answersVersion++;
      return true;
    });
  }

  async savedAnswersVersion(): Promise<number> {
    return this.state.answersVersion;
  }

  async desks(): Promise<HrDeskRecord[]> {
    return copy(this.state.desks);
  }

  async putDesk(desk: HrDeskRecord): Promise<void> {
    await this.write((s) => {
      s.desks = s.desks.filter((d) => !(d.platform === desk.platform && d.channel === desk.channel));
      s.desks.push(copy(desk));
    });
  }

  async removeDesk(platform: string, channel: string): Promise<boolean> {
    return this.write((s) => {
      const n = s.desks.length;
      s.desks = s.desks.filter((d) => !(d.platform === platform && d.channel === channel));
      return s.desks.length < n;
    });
  }

  async countQuestion(week: string, outcome: QuestionOutcome, situation: string | undefined): Promise<void> {
    await this.write((s) => {
      const w = (s.weeks[week] ??= { questions: 0, high: 0, low: 0, none: 0, hr: 0, situations: {} });
      w.questions++;
      w[outcome]++;
      if (situation) w.situations[situation] = (w.situations[situation] ?? 0) + 1;
      const weeks = Object.keys(s.weeks).sort();
      for (const old of weeks.slice(0, Math.max(0, weeks.length - WEEKS_KEPT))) delete s.weeks[old];
    });
  }

  async weeks(): Promise<Record<string, WeekCounts>> {
    return copy(this.state.weeks);
  }

  async claimSummary(channelKey: string, week: string, at: string): Promise<boolean> {
    return this.write((s) => {
      const byWeek = (s.summaries[channelKey] ??= {});
      if (byWeek[week]) return false;
      byWeek[week] = { state: 'claimed', claimedAt: at };
      const weeks = Object.keys(byWeek).sort();
      for (const old of weeks.slice(0, Math.max(0, weeks.length - 12))) delete byWeek[old];
      return true;
    });
  }

  async recordSummary(channelKey: string, week: string, outcome: Pick<SummaryClaim, 'state' | 'postedAt' | 'error'>): Promise<void> {
    await this.write((s) => {
      const claim = s.summaries[channelKey]?.[week];
      if (!claim) return;
      claim.state = outcome.state;
      if (outcome.postedAt) claim.postedAt = outcome.postedAt;
      if (outcome.error) claim.error = outcome.error;
    });
  }

  async summaryClaim(channelKey: string, week: string): Promise<SummaryClaim | undefined> {
    const c = this.state.summaries[channelKey]?.[week];
    return c && copy(c);
  }

  async purge(): Promise<{ questions: number; answers: number }> {
    return this.write((s) => {
      const counts = { questions: s.questions.length, answers: s.answers.length };
      s.questions = [];
      s.answers = [];
      s.answersVersion++;
      return counts;
    });
  }
}
