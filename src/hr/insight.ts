// Insight for HR: what leaders need, without reading anyone's questions. Per week: how many
// questions, how many were answered confidently, with the nearest or not at all (or by a saved
// HR answer), the situations asked about most, the statements with most 👎, and the open
// questions to HR with their age. The same figures feed /indsigt, the weekly summary and
// `ledelse stats --json`.

import type { Fact, Reply } from '../bot/reply.ts';
import { addDays, copenhagenDay, daysBetween } from '../clock.ts';
import type { Situation } from '../knowledge/schema.ts';
import type { FeedbackRecord } from '../store/store.ts';
import type { HrRepository } from './repository.ts';
import { weekOf } from './service.ts';

export interface WeekFigures {
  /** The week's Monday, YYYY-MM-DD. */
  week: string;
  /** "uge 10" */
  label: string;
  questions: number;
  high: number;
  low: number;
  none: number;
  hr: number;
  situations: Array<{ id: string; title: string; count: number }>;
  downvotes: number;
}

export interface InsightFigures {
  /** Oldest first. */
  weeks: WeekFigures[];
  /** Over all the weeks shown. */
  topSituations: Array<{ id: string; title: string; count: number }>;
  mostDownvoted: Array<{ id: string; text: string; down: number; up: number }>;
  openQuestions: Array<{ askedDay: string; ageDays: number }>;
  answeredByHr: number;
  savedAnswers: number;
}

export interface InsightSources {
  repository: HrRepository;
  /** Feedback as the store keeps it (statement ids, vote, day — no person, no text). */
  feedback(): Promise<readonly FeedbackRecord[]>;
  situations(): readonly Situation[];
  statementText(id: string): string | undefined;
}

/** ISO week number of a Monday. */
export function isoWeek(monday: string): number {
  const d = new Date(`${monday}T12:00:00Z`);
  const thursday = new Date(d.getTime() + 3 * 86_400_000);
  const jan1 = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  return Math.floor((thursday.getTime() - jan1) / (7 * 86_400_000)) + 1;
}

export async function insightFigures(src: InsightSources, now: Date, weekCount = 12): Promise<InsightFigures> {
  const today = copenhagenDay(now);
  const thisWeek = weekOf(today);
  const mondays = Array.from({ length: weekCount }, (_, i) => addDays(thisWeek, -7 * (weekCount - 1 - i)));
  const counts = await src.repository.weeks();
  const titles = new Map(src.situations().map((s) => [s.id, s.title]));
  const feedback = await src.feedback();
  const first = mondays[0]!;
  const downByWeek = new Map<string, number>();
  const votes = new Map<string, { up: number; down: number }>();
  for (const f of feedback) {
    if (f.day < first) continue;
    const w = weekOf(f.day);
    if (f.vote === 'down') downByWeek.set(w, (downByWeek.get(w) ?? 0) + 1);
    for (const id of f.statementIds) {
      const v = votes.get(id) ?? { up: 0, down: 0 };
      v[f.vote]++;
      votes.set(id, v);
    }
  }
  const total = new Map<string, number>();
  const weeks = mondays.map((week): WeekFigures => {
    const c = counts[week];
    const situations = Object.entries(c?.situations ?? {})
      .map(([id, count]) => ({ id, title: titles.get(id) ?? id, count }))
      .sort((a, b) => b.count - a.count || a.title.localeCompare(b.title, 'da'));
    for (const s of situations) total.set(s.id, (total.get(s.id) ?? 0) + s.count);
    return {
      week,
      label: `uge ${isoWeek(week)}`,
      questions: c?.questions ?? 0,
      high: c?.high ?? 0,
      low: c?.low ?? 0,
      none: c?.none ?? 0,
      hr: c?.hr ?? 0,
      situations: situations.slice(0, 5),
      downvotes: downByWeek.get(week) ?? 0,
    };
  });
  const questions = await src.repository.questions();
  const saved = await src.repository.savedAnswers();
  return {
    weeks,
    topSituations: [...total]
      .map(([id, count]) => ({ id, title: titles.get(id) ?? id, count }))
      .sort((a, b) => b.count - a.count || a.title.localeCompare(b.title, 'da'))
      .slice(0, 8),
    mostDownvoted: [...votes]
      .filter(([, v]) => v.down > 0)
      .map(([id, v]) => ({ id, text: src.statementText(id) ?? saved.find((a) => a.id === id)?.text ?? '(findes ikke længere)', ...v }))
      .sort((a, b) => b.down - a.down || a.up - b.up)
      .slice(0, 5),
    openQuestions: questions
      .filter((q) => q.status === 'open')
      .map((q) => {
        const askedDay = copenhagenDay(new Date(q.askedAt));
        return { askedDay, ageDays: daysBetween(askedDay, today) };
      })
      .sort((a, b) => b.ageDays - a.ageDays),
    answeredByHr: questions.filter((q) => q.status === 'answered').length,
    savedAnswers: saved.length,
  };
}

function percent(part: number, whole: number): string {
  return whole ? `${Math.round((100 * part) / whole)} %` : '–';
}

function days(n: number): string {
  return n === 1 ? '1 dag' : `${n} dage`;
}

/** The weekly summary for the HR channel: last week's figures and the open questions. */
export function summaryReply(figures: InsightFigures, week: string): Reply {
  const w = figures.weeks.find((x) => x.week === week) ?? figures.weeks.at(-2) ?? figures.weeks.at(-1)!;
  const facts: Fact[] = [
    { label: 'Spørgsmål', value: String(w.questions) },
    { label: 'Godt svar', value: percent(w.high + w.hr, w.questions) },
    { label: 'Det nærmeste', value: percent(w.low, w.questions) },
    { label: 'Intet svar', value: percent(w.none, w.questions) },
    { label: 'Svaret af HR\'s gemte svar', value: String(w.hr) },
    { label: '👎 på svar', value: String(w.downvotes) },
  ];
  if (w.situations.length) facts.push({ label: 'Mest spurgt om', value: w.situations.slice(0, 3).map((s) => `${s.title} (${s.count})`).join(', ') });
  const open = figures.openQuestions;
  facts.push({ label: 'Åbne spørgsmål til HR', value: open.length ? `${open.length} (det ældste er ${days(open[0]!.ageDays)} gammelt)` : 'Ingen' });
  if (figures.mostDownvoted[0]) facts.push({ label: 'Flest 👎', value: `"${figures.mostDownvoted[0].text}" (${figures.mostDownvoted[0].down})` });
  return {
    type: 'info',
    title: `Ugens overblik fra Ledelsesbot (${w.label})`,
    intro: 'Hvad ledere spurgte om i sidste uge — kun tal, ingen spørgsmål og ingen navne.',
    facts,
    sections: [],
    suggestions: [],
    sources: [],
    actions: [],
  };
}
