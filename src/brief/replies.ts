// The messages of brief and backbrief: the Replies the service (src/brief/service.ts) and the
// scheduler send, built from a brief and what the service looks up for them.

import type { Replies } from '../bot/replies.ts';
import { danishDate, type FormSpec, type Reply, type ReplyAction, type ReplyDetail, type ReplyDetailGroup } from '../bot/reply.ts';
import { findGaps, gapNotes, type GapAnalyzer } from './gaps.ts';
import { answeredCount, type Backbrief, type Brief } from './model.ts';

/** "1 af 2 har givet backbrief" */
export function progressText(brief: Pick<Brief, 'recipients'>): string {
  const { answered, total } = answeredCount(brief);
  return `${answered} af ${total} har givet backbrief`;
}

export function authorGroup(brief: Brief, situationTitle: (id: string | undefined) => string | undefined, analyzer: GapAnalyzer): ReplyDetailGroup {
  const details: ReplyDetail[] = [{ label: 'Hensigt', text: brief.intent }, { label: 'Rammer', text: brief.frame }];
  const situation = situationTitle(brief.situation);
  if (situation) details.push({ label: 'Situation', text: situation });
  for (const r of brief.recipients) {
    if (!r.backbrief) continue;
    details.push({ label: 'Backbrief fra', people: [r.user] }, ...backbriefDetails(r.backbrief));
    for (const n of gapNotes(findGaps(brief.intent, r.backbrief, analyzer))) details.push({ label: 'Værd at se på', text: n, note: true });
  }
  const waiting = brief.recipients.filter((r) => !r.backbrief && r.delivery !== 'failed').map((r) => r.user);
  if (waiting.length) details.push({ label: 'Mangler backbrief fra', people: waiting });
  for (const r of brief.recipients.filter((x) => x.delivery === 'failed')) {
    details.push({ label: 'Ikke leveret til', people: [r.user], text: r.failure ?? 'Platformen tog ikke imod beskeden.' });
  }
  return {
    title: `${progressText(brief)} · frist ${danishDate(brief.deadline)}`,
    details,
    actions: [{ type: 'button', label: 'Luk briefet', request: { type: 'brief-close', ref: brief.id } }],
  };
}

export function recipientGroup(brief: Brief, user: string, details: ReplyDetail[]): ReplyDetailGroup {
  const given = brief.recipients.find((r) => r.user === user)?.backbrief;
  return {
    title: `Til dig · frist ${danishDate(brief.deadline)}${given ? ' · du har givet backbrief' : ''}`,
    details,
    actions: [{ type: 'button', label: given ? 'Ret dit backbrief' : 'Giv backbrief', request: { type: 'open-form', form: 'backbrief', ref: brief.id }, ...(given ? {} : { style: 'primary' as const }) }],
  };
}

// ---- messages the scheduler sends -----------------------------------------------------------

export function reminderReply(brief: Brief, details: ReplyDetail[]): Reply {
  return {
    ...notice(
      'Påmindelse om backbrief',
      `Fristen for briefet er ${danishDate(brief.deadline)}. Giv et backbrief, så afsenderen ved, hvordan du har forstået opgaven — det tager få minutter.`,
    ),
    type: 'brief',
    groups: [{ details, actions: [backbriefButton(brief)] }],
  };
}

export function allAnsweredReply(brief: Brief): Reply {
  return {
    ...notice(
      'Alle har givet backbrief',
      `Alle ${brief.recipients.length} modtagere har givet backbrief på dit brief med frist ${danishDate(brief.deadline)}. Sammenlign dem med hensigten, og luk hullerne, før arbejdet går i gang.`,
    ),
    type: 'brief',
    groups: [{ details: [{ label: 'Hensigt', text: brief.intent }] }],
    actions: [overviewButton()],
  };
}

export function deadlinePassedReply(brief: Brief): Reply {
  const waiting = brief.recipients.filter((r) => !r.backbrief).map((r) => r.user);
  return {
    ...notice(
      'Fristen for dit brief er passeret',
      `Fristen var ${danishDate(brief.deadline)}, og ${progressText(brief)}. Tal med dem, der mangler, eller luk briefet, hvis opgaven er på plads.`,
    ),
    type: 'brief',
    groups: [{ details: [{ label: 'Hensigt', text: brief.intent }, ...(waiting.length ? [{ label: 'Mangler backbrief fra', people: waiting }] : [])] }],
    actions: [overviewButton(), { type: 'button', label: 'Luk briefet', request: { type: 'brief-close', ref: brief.id } }],
  };
}

export function goneReply(replies: Replies, values?: Record<string, string | string[]>): Reply {
  return withWritten(
    replies.error(
      'Briefet findes ikke længere',
      'Knappen hører til et brief, jeg ikke kender — det er måske slettet, fordi fristen er længe passeret.' + (values ? ' Dit svar er ikke gemt; her er det, så du kan sende det direkte til afsenderen.' : ''),
    ),
    values,
  );
}

export function closedReply(replies: Replies, values?: Record<string, string | string[]>): Reply {
  return withWritten(
    replies.info(
      'Briefet er lukket',
      'Afsenderen har lukket briefet, så der kan ikke længere gives backbrief på det.' + (values ? ' Dit svar er ikke gemt; her er det, så du kan sende det direkte til afsenderen.' : ''),
    ),
    values,
  );
}

export function receivedReply(brief: Brief, details: ReplyDetail[]): Reply {
  return {
    ...notice(
      'Du har fået et brief',
      'Et brief siger, hvad der skal opnås og hvorfor, inden for hvilke rammer og hvornår — ikke hvordan. Svar med et backbrief: hvad du har forstået, hvad du vil gøre, og hvad du har brug for.',
    ),
    type: 'brief',
    groups: [{ details, actions: [backbriefButton(brief)] }],
  };
}

export function briefDetails(brief: Brief, { author }: { author: boolean }, situationTitle: (id: string | undefined) => string | undefined): ReplyDetail[] {
  const details: ReplyDetail[] = [];
  if (author) details.push({ label: 'Fra', people: [brief.author] });
  details.push({ label: 'Hensigt', text: brief.intent }, { label: 'Rammer', text: brief.frame }, { label: 'Frist', text: danishDate(brief.deadline) });
  const situation = situationTitle(brief.situation);
  if (situation) details.push({ label: 'Situation', text: situation });
  return details;
}

export function notice(title: string, intro: string): Reply {
  return { type: 'brief', title, intro, sections: [], suggestions: [], sources: [], actions: [] };
}

export function formReply(form: FormSpec): Reply {
  return { type: 'form', title: form.title, intro: form.explanation, sections: [], suggestions: [], sources: [], actions: [{ type: 'form', form }] };
}

export function overviewButton(): ReplyAction {
  return { type: 'button', label: 'Se dine briefs', request: { type: 'brief-status' } };
}

export function backbriefButton(brief: Pick<Brief, 'id'>): ReplyAction {
  return { type: 'button', label: 'Giv backbrief', request: { type: 'open-form', form: 'backbrief', ref: brief.id }, style: 'primary' };
}

export function backbriefDetails(b: Pick<Backbrief, 'understood' | 'plan' | 'needs'>): ReplyDetail[] {
  const out: ReplyDetail[] = [
    { label: 'Sådan har jeg forstået hensigten', text: b.understood },
    { label: 'Det vil jeg gøre', text: b.plan },
  ];
  if (b.needs) out.push({ label: 'Det har jeg brug for / er i tvivl om', text: b.needs });
  return out;
}

/** An error that keeps what the person wrote in a form that could not be saved. */
export function withWritten(reply: Reply, values: Record<string, string | string[]> | undefined): Reply {
  if (!values) return reply;
  const labels: Record<string, string> = { understood: 'Sådan har jeg forstået hensigten', plan: 'Det vil jeg gøre', needs: 'Det har jeg brug for / er i tvivl om' };
  const details: ReplyDetail[] = [];
  for (const [id, label] of Object.entries(labels)) {
    const v = values[id];
    const text = (Array.isArray(v) ? v.join(', ') : (v ?? '')).trim();
    if (text) details.push({ label, text });
  }
  return details.length ? { ...reply, groups: [{ title: 'Det, du skrev', details }] } : reply;
}
