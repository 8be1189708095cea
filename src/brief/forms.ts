// The two forms of brief and backbrief, and how a submission is checked. Every message a person
// may see here is plain Danish and says what to do; a refused form keeps what was written.

import type { FormField, FormSpec, ReplyDetail, StatementView } from '../bot/reply.ts';
import { danishDate } from '../bot/reply.ts';
import { isDay } from '../clock.ts';
import { MAX_RECIPIENTS, MAX_TEXT, MAX_USER_ID, type Backbrief, type Brief } from './model.ts';

/** Two or three sentences on what a brief is; shown wherever the brief form opens. */
export const BRIEF_EXPLANATION =
  'Et brief siger, hvad der skal opnås og hvorfor (hensigten), inden for hvilke rammer og hvornår — ikke hvordan. ' +
  'Modtagerne svarer med et backbrief: hvad de har forstået, hvad de vil gøre, og hvad de har brug for. ' +
  'Så kan du se, om hensigten er forstået, og lukke hullerne, før arbejdet går i gang.';

/** The same for the backbrief form. */
export const BACKBRIEF_EXPLANATION =
  'Et backbrief er dit svar på et brief: sig med dine egne ord, hvad du har forstået som hensigten, hvad du vil gøre, og hvad du har brug for eller er i tvivl om. ' +
  'Afsenderen får det med det samme og kan se, om I har forstået opgaven ens, før arbejdet går i gang.';

export const REMARKS_TITLE = 'Det sagde ledelsesgrupperne om brief og backbrief';

export interface SituationChoice {
  id: string;
  title: string;
}

export function briefForm(situations: readonly SituationChoice[], people: ReadonlyArray<{ id: string; name: string }> | undefined, remarks: StatementView[]): FormSpec {
  const fields: FormField[] = [
    {
      id: 'intent',
      label: 'Hensigt: hvad skal opnås, og hvorfor?',
      hint: 'Målet og grunden til det — ikke hvordan det skal gøres.',
      kind: 'longtext',
      required: true,
      maxLength: MAX_TEXT,
    },
    {
      id: 'frame',
      label: 'Rammer',
      hint: 'Ressourcer, grænser og det, der ikke må ske.',
      kind: 'longtext',
      required: true,
      maxLength: MAX_TEXT,
    },
    { id: 'deadline', label: 'Frist', hint: 'Hvornår skal det være nået?', kind: 'date', required: true },
    {
      id: 'recipients',
      label: 'Modtagere',
      hint: 'Dem, der skal løse opgaven. De får briefet som en direkte besked.',
      kind: 'people',
      required: true,
      ...(people?.length ? { options: people.map((p) => ({ value: p.id, label: p.name })) } : {}),
    },
  ];
  if (situations.length) {
    fields.push({
      id: 'situation',
      label: 'Situation (valgfri)',
      hint: 'Hvad briefet handler om, hvis en af situationerne passer.',
      kind: 'choice',
      required: false,
      options: situations.map((s) => ({ value: s.id, label: s.title })),
    });
  }
  return {
    form: 'brief',
    title: 'Giv et brief',
    submitLabel: 'Send briefet',
    explanation: BRIEF_EXPLANATION,
    fields,
    ...(remarks.length ? { remarks: { title: REMARKS_TITLE, statements: remarks } } : {}),
  };
}

export function backbriefForm(brief: Brief, context: ReplyDetail[], given: Backbrief | undefined, remarks: StatementView[]): FormSpec {
  const fields: FormField[] = [
    { id: 'understood', label: 'Sådan har jeg forstået hensigten', hint: 'Med dine egne ord: hvad skal opnås, og hvorfor?', kind: 'longtext', required: true, maxLength: MAX_TEXT },
    { id: 'plan', label: 'Det vil jeg gøre', hint: 'De vigtigste skridt, inden for rammerne.', kind: 'longtext', required: true, maxLength: MAX_TEXT },
    {
      id: 'needs',
      label: 'Det har jeg brug for / det er jeg i tvivl om',
      hint: 'Ressourcer, beslutninger eller spørgsmål. Kan stå tomt.',
      kind: 'longtext',
      required: false,
      maxLength: MAX_TEXT,
    },
  ];
  if (given) {
    fields[0]!.value = given.understood;
    fields[1]!.value = given.plan;
    fields[2]!.value = given.needs;
  }
  return {
    form: 'backbrief',
    ref: brief.id,
    title: 'Giv backbrief',
    submitLabel: given ? 'Send rettet backbrief' : 'Send backbrief',
    explanation: BACKBRIEF_EXPLANATION,
    context,
    fields,
    ...(remarks.length ? { remarks: { title: REMARKS_TITLE, statements: remarks } } : {}),
  };
}

/** One value as text: a list becomes its first item; anything else nothing. */
function textOf(value: string | string[] | undefined): string {
  const v = Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
  return v.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
}

function listOf(value: string | string[] | undefined): string[] {
  const raw = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  return [...new Set(raw.map((v) => v.trim()).filter(Boolean))];
}

function tooLong(what: string, text: string): string | undefined {
  return text.length > MAX_TEXT
    ? `${what} må højst fylde ${MAX_TEXT} tegn (nu ${text.length}). Skriv det kortere — resten kan I tage, når I taler sammen.`
    : undefined;
}

export interface BriefDraft {
  intent: string;
  frame: string;
  deadline: string;
  recipients: string[];
  situation?: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string>; values: Record<string, string | string[]> };

/** Checks a submitted brief form; `today` is the Copenhagen day. */
export function checkBrief(values: Record<string, string | string[]>, author: string, today: string, situations: readonly SituationChoice[]): Checked<BriefDraft> {
  const intent = textOf(values.intent);
  const frame = textOf(values.frame);
  const deadline = textOf(values.deadline);
  const recipients = listOf(values.recipients);
  const situation = textOf(values.situation);
  const errors: Record<string, string> = {};

  if (!intent) errors.intent = 'Skriv hensigten: hvad skal opnås, og hvorfor?';
  else if (tooLong('Hensigten', intent)) errors.intent = tooLong('Hensigten', intent)!;
  if (!frame) errors.frame = 'Skriv rammerne: ressourcer, grænser og det, der ikke må ske.';
  else if (tooLong('Rammerne', frame)) errors.frame = tooLong('Rammerne', frame)!;
  if (!deadline) errors.deadline = 'Vælg en frist.';
  else if (!isDay(deadline)) errors.deadline = 'Fristen skal være en dato, fx 2026-03-12.';
  else if (deadline < today) errors.deadline = `Fristen ${danishDate(deadline)} er allerede passeret. Vælg i dag eller en senere dag.`;
  if (!recipients.length) errors.recipients = 'Vælg mindst én modtager.';
  else if (recipients.length > MAX_RECIPIENTS) errors.recipients = `Et brief kan højst gå til ${MAX_RECIPIENTS} personer (du har valgt ${recipients.length}).`;
  else if (recipients.some((r) => r.length > MAX_USER_ID)) errors.recipients = 'En af modtagerne kan jeg ikke læse. Vælg dem igen.';
  else if (recipients.length === 1 && recipients[0] === author) errors.recipients = 'Du kan ikke give dig selv et brief. Vælg dem, der skal løse opgaven.';
  else if (recipients.includes(author)) errors.recipients = 'Du står selv blandt modtagerne. Fjern dig selv — du får backbriefene som afsender.';

  if (Object.keys(errors).length) return { ok: false, errors, values };
  const draft: BriefDraft = { intent, frame, deadline, recipients };
  // A situation the data does not know (an old form, a forged value) is left out, not refused.
  if (situation && situations.some((s) => s.id === situation)) draft.situation = situation;
  return { ok: true, value: draft };
}

export function checkBackbrief(values: Record<string, string | string[]>): Checked<Omit<Backbrief, 'at'>> {
  const understood = textOf(values.understood);
  const plan = textOf(values.plan);
  const needs = textOf(values.needs);
  const errors: Record<string, string> = {};
  if (!understood) errors.understood = 'Skriv, hvordan du har forstået hensigten — med dine egne ord.';
  else if (tooLong('Svaret', understood)) errors.understood = tooLong('Svaret', understood)!;
  if (!plan) errors.plan = 'Skriv, hvad du vil gøre.';
  else if (tooLong('Svaret', plan)) errors.plan = tooLong('Svaret', plan)!;
  if (tooLong('Svaret', needs)) errors.needs = tooLong('Svaret', needs)!;
  if (Object.keys(errors).length) return { ok: false, errors, values };
  return { ok: true, value: { understood, plan, needs } };
}

/** The form again with what was written and why it was refused. */
export function withErrors(form: FormSpec, values: Record<string, string | string[]>, errors: Record<string, string>): FormSpec {
  return {
    ...form,
    fields: form.fields.map((f) => {
      const v = values[f.id];
      const field: FormField = { ...f };
      if (v !== undefined && (Array.isArray(v) ? v.length : v !== '')) field.value = f.kind === 'people' ? listOf(v) : Array.isArray(v) ? (v[0] ?? '') : v;
      const e = errors[f.id];
      if (e) field.error = e;
      return field;
    }),
  };
}
