// What the buttons carry. A button value holds at most 2000 characters, so a button carries a
// reference to the answer (the command text, a tip's statement id, a page), never the answer
// itself; the click asks the core to show it again. Values come back from Slack signed, but are
// still validated.

import { z } from 'zod';
import type { ActionRequest } from '../bot/actions.ts';

/** Slack's limit on a button's value. */
export const MAX_BUTTON_VALUE = 2000;
/**
 * Longest command text a button carries. A longer "question" is a paste: its answer can still
 * be given, but not re-run by a button (no "Del i kanalen", feedback acknowledged anew).
 */
export const MAX_CARRIED_COMMAND = 1200;

export const ACTION = {
  share: 'ledelse_share',
  feedbackUp: 'ledelse_feedback_up',
  feedbackDown: 'ledelse_feedback_down',
  /** A tip's "Flere om …" button. */
  more: 'ledelse_more',
  /** "Vis flere": the next page of a long list. */
  page: 'ledelse_page',
  /** Suggested commands after "no good match" and in help: ledelse_run_0, ledelse_run_1, … */
  runPrefix: 'ledelse_run_',
  /** "Send spørgsmålet til HR". */
  hrOffer: 'ledelse_hr_offer',
  /** HR's "Svar" and "Ikke relevant" on a question in the HR channel. */
  hrOpen: 'ledelse_hr_open',
  hrDismiss: 'ledelse_hr_dismiss',
  /** "Fjern" on a saved HR answer: ledelse_hr_remove_0, … */
  hrRemovePrefix: 'ledelse_hr_remove_',
} as const;

/** The modals' callback ids. */
export const HR_VIEW = { ask: 'ledelse_hr_ask', answer: 'ledelse_hr_answer' } as const;

/** The HR offer: the question (as much as fits) and the nearest statements. */
export const HrOfferValueSchema = z.object({ q: z.string().min(1).max(MAX_BUTTON_VALUE), n: z.array(z.string().max(60)).max(5) });
export type HrOfferValue = z.infer<typeof HrOfferValueSchema>;
export const HrQuestionValueSchema = z.object({ i: z.string().regex(/^q[0-9a-f]{12}$/) });
export const HrAnswerIdValueSchema = z.object({ a: z.string().regex(/^hr-[0-9a-f]{12}$/) });

export function decodeHrOffer(value: string | undefined): HrOfferValue | undefined {
  return decode(value, HrOfferValueSchema);
}
export function decodeHrQuestion(value: string | undefined): string | undefined {
  return decode(value, HrQuestionValueSchema)?.i;
}
export function decodeHrAnswerId(value: string | undefined): string | undefined {
  return decode(value, HrAnswerIdValueSchema)?.a;
}

export const BLOCK = {
  feedbackLabel: 'ledelse_feedback_label',
  feedback: 'ledelse_feedback',
  footer: 'ledelse_footer',
  suggestions: 'ledelse_suggestions',
} as const;

/** A re-runnable answer: the command text; for a tip the statement shown; the page wanted. */
export const CommandRefSchema = z.object({
  /** The text after /ledelse (or the question asked). */
  c: z.string().max(MAX_CARRIED_COMMAND),
  /** Statement id, for a tip (a tip is random, so the text alone would not give the same one). */
  s: z.string().max(100).optional(),
  /** Question hash, so feedback on a shared answer counts with the original question. */
  q: z.string().max(100).optional(),
  /** Zero-based page. */
  p: z.number().int().min(0).max(100).optional(),
});
export type CommandRef = z.infer<typeof CommandRefSchema>;

export const FeedbackValueSchema = z.object({
  /** Statement ids shown. */
  i: z.array(z.string().max(100)).max(50),
  /** Question hash ("tip:<id>" for a tip). */
  q: z.string().max(100),
  /** How to rebuild the answer, to show it again with "Tak for din feedback". */
  r: CommandRefSchema.optional(),
});
export type FeedbackValue = z.infer<typeof FeedbackValueSchema>;

/** A command reference for `command`, or undefined when the text is too long to carry. */
export function commandRef(command: string, extra: Omit<CommandRef, 'c'> = {}): CommandRef | undefined {
  const c = command.trim();
  if (c.length > MAX_CARRIED_COMMAND) return undefined;
  const ref: CommandRef = { c };
  if (extra.s !== undefined) ref.s = extra.s;
  if (extra.q !== undefined && extra.q !== '') ref.q = extra.q;
  if (extra.p !== undefined && extra.p > 0) ref.p = extra.p;
  return ref;
}

/** JSON for a button value, or undefined when it would exceed Slack's limit. */
export function encodeValue(value: CommandRef | FeedbackValue | HrOfferValue): string | undefined {
  const json = JSON.stringify(value);
  return json.length <= MAX_BUTTON_VALUE ? json : undefined;
}

export function decodeCommandRef(value: string | undefined): CommandRef | undefined {
  return decode(value, CommandRefSchema);
}

export function decodeFeedback(value: string | undefined): FeedbackValue | undefined {
  return decode(value, FeedbackValueSchema);
}

function decode<T>(value: string | undefined, schema: z.ZodType<T>): T | undefined {
  if (!value || value.length > MAX_BUTTON_VALUE) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The core's request to show a button's answer again. */
export function showRequest(ref: CommandRef): Extract<ActionRequest, { type: 'show' }> {
  return { type: 'show', command: ref.c, ...(ref.s !== undefined ? { statementId: ref.s } : {}), ...(ref.q !== undefined ? { questionHash: ref.q } : {}) };
}
