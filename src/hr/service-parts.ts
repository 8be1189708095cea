// The pure parts of "Spørg HR" (src/hr/service.ts): the week count, the form checks, and the
// replies the service builds from what it has looked up.

import { z } from 'zod';
import type { MessageContext } from '../bot/context.ts';
import type { Reply } from '../bot/reply.ts';
import { addDays, weekdayOf } from '../clock.ts';
import { DIRECTIONS } from '../knowledge/directions.ts';
import { MAX_HR_ANSWER, SAVED_KINDS, type HrQuestion, type SavedAnswer } from './model.ts';
import { askForm, danishMoment, savedAnswerView } from './views.ts';

/** The Monday of a Copenhagen day's week, "YYYY-MM-DD": how HR's insight counts weeks. */
export function weekOf(day: string): string {
  return addDays(day, -((weekdayOf(day) + 6) % 7));
}

export const STALE_HR_BUTTON = 'Den knap hører til et spørgsmål, jeg ikke kender længere (det er måske slettet efter opbevaringstiden). Der er ikke sket noget.';
export const NOT_HR_CHANNEL = 'Det kan kun gøres i HR-kanalen. Der er ikke sket noget.';
export const MAX_NEAREST = 5;
export const NEAREST_ID = /^[a-z0-9-]{1,60}$/;

export const AskValues = z.object({
  question: z.string().trim().min(1, 'Skriv spørgsmålet, før du sender det.'),
  identity: z.enum(['anonymous', 'named'], { error: 'Vælg, om spørgsmålet sendes anonymt eller med dit navn.' }),
  name: z.string().optional(),
  nearest: z.string().max(400).optional(),
});

export const AnswerValues = z.object({
  questionId: z.string().regex(/^q[0-9a-f]{12}$/, STALE_HR_BUTTON),
  answer: z.string().trim().min(1, 'Skriv et svar, før du sender det.').max(MAX_HR_ANSWER, `Svaret må højst være ${MAX_HR_ANSWER} tegn.`),
  save: z.enum(['yes', 'no']).catch('no'),
  wording: z.string().optional(),
  direction: z.enum(DIRECTIONS).catch('general'),
  kind: z.enum(SAVED_KINDS).catch('remark'),
});

export function savedListReply(saved: SavedAnswer[], canRemove: boolean): Reply {
  const statements = saved.map((a) => ({ ...savedAnswerView(a), topic: `Sådan spørger ledere: "${a.wording}"` }));
  return {
    type: 'info',
    title: `HR's gemte svar (${saved.length})`,
    intro: canRemove
      ? 'Svarene, HR har gemt som viden. Ledere, der spørger som i formuleringen, får svaret. Fjern et svar, som ikke længere gælder.'
      : 'Svarene, HR har gemt som viden. Ledere, der spørger som i formuleringen, får svaret. Svar kan fjernes fra HR-kanalen.',
    sections: [{ statements }],
    suggestions: [],
    sources: [],
    actions: canRemove ? saved.map((a) => ({ type: 'hr-remove' as const, label: `Fjern: ${a.wording}`, answerId: a.id })) : [],
  };
}

export function offerReply(question: string, nearest: string[], ctx: MessageContext): Reply {
  const arrives = ctx.wording?.hrAnswerArrives ?? 'Svaret kommer her, når HR har svaret.';
  return {
    type: 'form',
    title: 'Send spørgsmålet til HR',
    intro: `Intet er sendt endnu. Ret gerne teksten, og vælg, om HR må se dit navn. HR ser spørgsmålet, dagen og de udsagn, jeg fandt. ${arrives}`,
    sections: [],
    suggestions: [],
    sources: [],
    actions: [],
    form: askForm(question, nearest, !ctx.capabilities.knowsName),
  };
}

export function sentReply(text: string, name: string | undefined, question: HrQuestion, ctx: MessageContext): Reply {
  const arrives = ctx.wording?.hrAnswerArrives ?? 'Svaret kommer her, når HR har svaret.';
  return {
    type: 'info',
    title: 'Sendt til HR',
    intro: `Dit spørgsmål er sendt til HR ${name ? `med dit navn (${name}), så HR kan følge op` : 'anonymt — HR ser ikke, hvem du er'}. HR ser spørgsmålet, dagen og de udsagn, jeg fandt. ${arrives}`,
    quote: text,
    sections: [],
    suggestions: [],
    sources: [],
    actions: [],
    sentToHr: question.id,
  };
}

/** HR's forms have text and choice fields only: a list (a brief's people field) is not one of them. */
export function textValues(values: Record<string, string | string[]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (typeof v === 'string') out[k] = v;
  return out;
}

export function alreadySettled(q: HrQuestion): string {
  const when = q.answer ? danishMoment(q.answer.at) : '';
  return q.status === 'answered'
    ? `Spørgsmålet er allerede besvaret af ${q.answer?.by ?? 'HR'} (${when}).`
    : `Spørgsmålet er allerede lukket af ${q.answer?.by ?? 'HR'} (${when}).`;
}
