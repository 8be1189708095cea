// "Spørg HR" in the runtime store, on either implementation (the lowdb file or PostgreSQL), as
// opaque records by namespace (the pattern of src/brief/store-repository.ts):
//   hr-questions  question id → the question (without its posts)
//   hr-posts      "<question id>|<platform>|<channel>" → where a copy was posted for HR
//   hr-saved      saved answer id → the answer HR saved as knowledge
//   hr-desks      "<platform>|<channel>" → a registered HR channel
//   hr-weeks      "<week>|<writer>" → that instance's counts for the week (summed when read)
//   hr-claims     "<channel key>|<week>" → the weekly summary's claim
// What must happen once across instances — the first answer to a question, the weekly summary,
// handing a waiting answer to the page — is decided by the store's atomic first-delivery check;
// the record written after it keeps the decision once the check's hour has passed. Each
// instance writes only its own week counts, so counts from several instances are never lost.
// Saved answers are cached here and reloaded when another instance reports a 'knowledge' change.

import { randomBytes } from 'node:crypto';
import type { Logger } from '../app.ts';
import type { QuestionOutcome } from '../bot/hr-port.ts';
import type { Store } from '../store/store.ts';
import type { HrDelivery, HrDeskRecord, HrPost, HrQuestion, NewHrQuestion, NewSavedAnswer, SavedAnswer, SummaryClaim, WeekCounts } from './model.ts';
import { newId, WEEKS_KEPT, type HrRepository, type Settlement, type SettleResult } from './repository.ts';

const QUESTIONS = 'hr-questions';
const POSTS = 'hr-posts';
const SAVED = 'hr-saved';
const DESKS = 'hr-desks';
const WEEKS = 'hr-weeks';
const CLAIMS = 'hr-claims';
/** Weekly summaries remembered per channel. */
const CLAIMS_KEPT = 12;

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function copy<T>(value: T): T {
  return structuredClone(value);
}

function validQuestion(raw: unknown): raw is HrQuestion {
  return isObject(raw) && typeof raw.id === 'string' && typeof raw.text === 'string' && typeof raw.askedAt === 'string' && typeof raw.status === 'string';
}

function validSaved(raw: unknown): raw is SavedAnswer {
  return isObject(raw) && typeof raw.id === 'string' && typeof raw.wording === 'string' && typeof raw.text === 'string';
}

function validDesk(raw: unknown): raw is HrDeskRecord {
  return isObject(raw) && typeof raw.platform === 'string' && typeof raw.channel === 'string';
}

function validPost(raw: unknown): raw is HrPost {
  return isObject(raw) && typeof raw.platform === 'string' && typeof raw.channel === 'string';
}

function emptyWeek(): WeekCounts {
  return { questions: 0, high: 0, low: 0, none: 0, hr: 0, situations: {} };
}

export class StoreHrRepository implements HrRepository {
  /** Changes to one record, one after another in this process. */
  private readonly queues = new Map<string, Promise<unknown>>();
  /** This instance's key part for its week counts. */
  private readonly writer = randomBytes(4).toString('hex');
  private saved: SavedAnswer[] | undefined;
  private savedVersion = 0;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: Store,
    private readonly log?: Logger,
  ) {
    this.unsubscribe = store.onChange((topic) => {
      if (topic === 'knowledge') this.invalidateSaved();
    });
  }

  /** Stops listening for other instances' changes. */
  close(): void {
    this.unsubscribe();
  }

  // ——— questions ———

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
    await this.store.putRecord(QUESTIONS, question.id, this.stored(question));
    return copy(question);
  }

  async question(id: string): Promise<HrQuestion | undefined> {
    const raw = await this.store.getRecord(QUESTIONS, id);
    if (!validQuestion(raw) || raw.id !== id) return undefined;
    return this.withPosts(raw, await this.store.listRecords(POSTS));
  }

  async questions(): Promise<HrQuestion[]> {
    const [all, posts] = await Promise.all([this.store.listRecords(QUESTIONS), this.store.listRecords(POSTS)]);
    return Object.entries(all)
      .filter((e): e is [string, HrQuestion] => validQuestion(e[1]) && e[1].id === e[0])
      .map(([, q]) => this.withPosts(q, posts))
      .sort((a, b) => a.askedAt.localeCompare(b.askedAt) || a.id.localeCompare(b.id));
  }

  async addPost(id: string, post: HrPost): Promise<void> {
    if ((await this.store.getRecord(QUESTIONS, id)) === undefined) return;
    await this.store.putRecord(POSTS, `${id}|${post.platform}|${post.channel}`, copy(post));
  }

  async settle(id: string, settlement: Settlement): Promise<SettleResult> {
    return this.serial(`q:${id}`, async (): Promise<SettleResult> => {
      const q = await this.question(id);
      if (!q) return { ok: false };
      if (q.status !== 'open') return { ok: false, question: q };
      // The first answer wins across instances: the atomic check, then the settled record.
      if (!(await this.store.firstDelivery(`hr-settle:${id}`))) {
        const now = await this.question(id);
        return { ok: false, ...(now ? { question: now } : {}) };
      }
      q.status = settlement.status;
      q.answer = { text: settlement.text, by: settlement.by, at: settlement.at };
      q.settledAt = settlement.at;
      await this.store.putRecord(QUESTIONS, id, this.stored(q));
      return { ok: true, question: copy(q) };
    });
  }

  async linkSavedAnswer(id: string, savedAnswerId: string): Promise<void> {
    await this.change(id, (q) => {
      if (!q.answer) return false;
      q.answer.savedAnswerId = savedAnswerId;
      return true;
    });
  }

  async recordDelivery(id: string, delivery: HrDelivery): Promise<void> {
    await this.change(id, (q) => {
      q.delivery = { ...delivery };
      if (delivery.state !== 'waiting') delete q.asker;
      return true;
    });
  }

  async takeWaiting(ids: readonly string[]): Promise<HrQuestion[]> {
    const taken: HrQuestion[] = [];
    for (const id of new Set(ids)) {
      const q = await this.serial(`q:${id}`, async () => {
        const q = await this.question(id);
        if (!q || q.status === 'open' || q.delivery?.state !== 'waiting') return undefined;
        // Handed out once, even when two instances serve the page's requests.
        if (!(await this.store.firstDelivery(`hr-take:${id}`))) return undefined;
        q.delivery = { state: 'delivered' };
        delete q.asker;
        await this.store.putRecord(QUESTIONS, id, this.stored(q));
        return q;
      });
      if (q) taken.push(copy(q));
    }
    return taken;
  }

  async pruneSettled(before: string): Promise<number> {
    const all = await this.questions();
    const doomed = all.filter((q) => q.status !== 'open' && q.settledAt !== undefined && q.settledAt < before);
    await this.deleteQuestions(doomed.map((q) => q.id));
    return doomed.length;
  }

  // ——— saved answers ———

  async saveAnswer(input: NewSavedAnswer): Promise<SavedAnswer> {
    const answer: SavedAnswer = { id: newId('hr-'), ...input };
    await this.store.putRecord(SAVED, answer.id, copy(answer));
    await this.savedChanged();
    return copy(answer);
  }

  async savedAnswers(): Promise<SavedAnswer[]> {
    if (!this.saved) {
      const version = this.savedVersion;
      const all = await this.store.listRecords(SAVED);
      const answers = Object.entries(all)
        .filter((e): e is [string, SavedAnswer] => {
          const ok = validSaved(e[1]) && e[1].id === e[0];
          if (!ok) this.log?.warn(`Spørg HR: det gemte svar "${e[0]}" i lageret er ugyldigt og ignoreres.`);
          return ok;
        })
        .map(([, a]) => a)
        .sort((a, b) => a.day.localeCompare(b.day) || a.id.localeCompare(b.id));
      // Kept only when nothing changed while reading.
      if (version === this.savedVersion) this.saved = answers;
      return copy(answers);
    }
    return copy(this.saved);
  }

  async removeSavedAnswer(id: string): Promise<boolean> {
    if ((await this.store.getRecord(SAVED, id)) === undefined) return false;
    await this.store.deleteRecord(SAVED, id);
    await this.savedChanged();
    return true;
  }

  async savedAnswersVersion(): Promise<number> {
    return this.savedVersion;
  }

  // ——— HR channels ———

  async desks(): Promise<HrDeskRecord[]> {
    const all = await this.store.listRecords(DESKS);
    return Object.values(all)
      .filter(validDesk)
      .map((d) => copy(d))
      .sort((a, b) => (a.since ?? '').localeCompare(b.since ?? ''));
  }

  async putDesk(desk: HrDeskRecord): Promise<void> {
    await this.store.putRecord(DESKS, `${desk.platform}|${desk.channel}`, copy(desk));
    await this.store.notifyChange('records');
  }

  async removeDesk(platform: string, channel: string): Promise<boolean> {
    const key = `${platform}|${channel}`;
    if ((await this.store.getRecord(DESKS, key)) === undefined) return false;
    await this.store.deleteRecord(DESKS, key);
    await this.store.notifyChange('records');
    return true;
  }

  // ——— insight counts ———

  countQuestion(week: string, outcome: QuestionOutcome, situation: string | undefined): Promise<void> {
    return this.serial('weeks', async () => {
      const key = `${week}|${this.writer}`;
      const raw = await this.store.getRecord(WEEKS, key);
      const w = isObject(raw) ? (copy(raw) as unknown as WeekCounts) : emptyWeek();
      w.situations = isObject(w.situations) ? w.situations : {};
      w.questions = (w.questions ?? 0) + 1;
      w[outcome] = (w[outcome] ?? 0) + 1;
      if (situation) w.situations[situation] = (w.situations[situation] ?? 0) + 1;
      await this.store.putRecord(WEEKS, key, w);
      if (raw === undefined) await this.pruneWeeks();
    });
  }

  async weeks(): Promise<Record<string, WeekCounts>> {
    const out: Record<string, WeekCounts> = {};
    for (const [key, raw] of Object.entries(await this.store.listRecords(WEEKS))) {
      if (!isObject(raw)) continue;
      const week = key.split('|')[0]!;
      const sum = (out[week] ??= emptyWeek());
      for (const f of ['questions', 'high', 'low', 'none', 'hr'] as const) if (typeof raw[f] === 'number') sum[f] += raw[f] as number;
      if (isObject(raw.situations)) {
        for (const [s, n] of Object.entries(raw.situations)) if (typeof n === 'number') sum.situations[s] = (sum.situations[s] ?? 0) + n;
      }
    }
    return out;
  }

  private async pruneWeeks(): Promise<void> {
    const keys = Object.keys(await this.store.listRecords(WEEKS));
    const weeks = [...new Set(keys.map((k) => k.split('|')[0]!))].sort();
    const old = new Set(weeks.slice(0, Math.max(0, weeks.length - WEEKS_KEPT)));
    for (const k of keys) if (old.has(k.split('|')[0]!)) await this.store.deleteRecord(WEEKS, k);
  }

  // ——— the weekly summary ———

  async claimSummary(channelKey: string, week: string, at: string): Promise<boolean> {
    const key = `${channelKey}|${week}`;
    if ((await this.store.getRecord(CLAIMS, key)) !== undefined) return false;
    if (!(await this.store.firstDelivery(`hr-summary:${key}`))) return false;
    const claim: SummaryClaim = { state: 'claimed', claimedAt: at };
    await this.store.putRecord(CLAIMS, key, claim);
    // Only the latest weeks per channel are remembered.
    const prefix = `${channelKey}|`;
    const mine = Object.keys(await this.store.listRecords(CLAIMS))
      .filter((k) => k.startsWith(prefix))
      .sort();
    for (const old of mine.slice(0, Math.max(0, mine.length - CLAIMS_KEPT))) await this.store.deleteRecord(CLAIMS, old);
    return true;
  }

  async recordSummary(channelKey: string, week: string, outcome: Pick<SummaryClaim, 'state' | 'postedAt' | 'error'>): Promise<void> {
    const key = `${channelKey}|${week}`;
    await this.serial(`claim:${key}`, async () => {
      const raw = await this.store.getRecord(CLAIMS, key);
      if (!isObject(raw)) return;
      const claim = copy(raw) as unknown as SummaryClaim;
      claim.state = outcome.state;
      if (outcome.postedAt) claim.postedAt = outcome.postedAt;
      if (outcome.error) claim.error = outcome.error;
      await this.store.putRecord(CLAIMS, key, claim);
    });
  }

  async summaryClaim(channelKey: string, week: string): Promise<SummaryClaim | undefined> {
    const raw = await this.store.getRecord(CLAIMS, `${channelKey}|${week}`);
    return isObject(raw) && typeof raw.state === 'string' ? (copy(raw) as unknown as SummaryClaim) : undefined;
  }

  // ——— everything ———

  async purge(): Promise<{ questions: number; answers: number }> {
    const questions = Object.keys(await this.store.listRecords(QUESTIONS));
    const answers = Object.keys(await this.store.listRecords(SAVED));
    await this.deleteQuestions(questions);
    for (const id of answers) await this.store.deleteRecord(SAVED, id);
    await this.savedChanged();
    return { questions: questions.length, answers: answers.length };
  }

  // ——— helpers ———

  /** A question as stored: its posts live in their own records. */
  private stored(q: HrQuestion): Omit<HrQuestion, 'posts'> & { posts: [] } {
    const { posts: _posts, ...rest } = copy(q);
    return { ...rest, posts: [] };
  }

  private withPosts(q: HrQuestion, posts: Record<string, unknown>): HrQuestion {
    const prefix = `${q.id}|`;
    const own = Object.entries(posts)
      .filter(([k, p]) => k.startsWith(prefix) && validPost(p))
      .map(([, p]) => copy(p as HrPost));
    return { ...copy(q), nearest: Array.isArray(q.nearest) ? [...q.nearest] : [], posts: own };
  }

  /** Changes one question (read, change, write), one change at a time in this process. */
  private change(id: string, edit: (q: HrQuestion) => boolean): Promise<void> {
    return this.serial(`q:${id}`, async () => {
      const q = await this.question(id);
      if (!q || !edit(q)) return;
      await this.store.putRecord(QUESTIONS, id, this.stored(q));
    });
  }

  private async deleteQuestions(ids: readonly string[]): Promise<void> {
    if (!ids.length) return;
    const doomed = new Set(ids);
    const posts = Object.keys(await this.store.listRecords(POSTS));
    for (const id of ids) await this.store.deleteRecord(QUESTIONS, id);
    for (const k of posts) if (doomed.has(k.split('|')[0]!)) await this.store.deleteRecord(POSTS, k);
  }

  private async savedChanged(): Promise<void> {
    this.invalidateSaved();
    await this.store.notifyChange('knowledge');
  }

  private invalidateSaved(): void {
    this.saved = undefined;
    this.savedVersion++;
  }

  private serial<T>(key: string, run: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.then(run, run);
    const settled = next.catch(() => undefined);
    this.queues.set(key, settled);
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    });
    return next;
  }
}
