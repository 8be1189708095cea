// The replies "Spørg HR" shows: HR's answer as the leader sees it (and as saved knowledge), a
// question as HR sees it, and the two forms. Platform-neutral: each front end renders them.

import { danishDate, type Fact, type Reply, type ReplyForm, type StatementView } from '../bot/reply.ts';
import { copenhagenClock, copenhagenDay } from '../clock.ts';
import { DIRECTION_LABEL, DIRECTIONS, KIND_LABEL } from '../knowledge/directions.ts';
import { MAX_HR_ANSWER, MAX_HR_QUESTION, MAX_NAME, MAX_WORDING, SAVED_KINDS, type HrQuestion, type SavedAnswer } from './model.ts';

export const HR_SOURCE = 'HR';

/** "HR, 3. marts 2026" */
export function hrSourceLabel(day: string): string {
  return `${HR_SOURCE}, ${danishDate(day)}`;
}

/** A saved answer shown like a statement: HR's text, its direction and kind, the source "HR, <dato>". */
export function savedAnswerView(a: SavedAnswer): StatementView {
  return {
    id: a.id,
    text: a.text,
    direction: a.direction,
    directionLabel: DIRECTION_LABEL[a.direction],
    kind: a.kind,
    kindLabel: KIND_LABEL[a.kind],
    groups: [],
    groupsLabel: 'Svar fra HR',
    sourceLabel: hrSourceLabel(a.day),
  };
}

/** An answer that was not saved as knowledge, shown the same way. */
function plainAnswerView(id: string, text: string, day: string): StatementView {
  return {
    id,
    text,
    direction: 'general',
    directionLabel: 'Svar på dit spørgsmål',
    kind: 'remark',
    kindLabel: 'Svar',
    groups: [],
    groupsLabel: 'Svar fra HR',
    sourceLabel: hrSourceLabel(day),
  };
}

function dayOf(iso: string): string {
  return copenhagenDay(new Date(iso));
}

/** "3. marts 2026 kl. 09:15" */
export function danishMoment(iso: string): string {
  return `${danishDate(dayOf(iso))} kl. ${copenhagenClock(new Date(iso))}`;
}

/** HR's answer as the leader receives it, in the conversation the question came from. */
export function answerForAsker(q: HrQuestion, saved?: SavedAnswer): Reply {
  const answer = q.answer!;
  const view = saved ? savedAnswerView(saved) : plainAnswerView(q.id, answer.text, dayOf(answer.at));
  const sections = [{ statements: [view] }];
  return {
    type: 'answer',
    title: 'Svar fra HR',
    intro: 'HR har svaret på det spørgsmål, du sendte:',
    quote: q.text,
    sections,
    suggestions: [],
    sources: [view.sourceLabel],
    actions: [],
  };
}

/** "Ikke relevant", as the leader is told. */
export function closedForAsker(q: HrQuestion): Reply {
  return {
    type: 'info',
    title: 'HR har lukket dit spørgsmål',
    intro: q.answer?.text ?? DISMISS_NOTE,
    quote: q.text,
    sections: [],
    suggestions: [],
    sources: [],
    actions: [],
  };
}

export const DISMISS_NOTE =
  'HR har læst dit spørgsmål og vurderer, at det ikke er noget, HR kan svare på her. Kontakt gerne HR eller din egen leder direkte, hvis du stadig har brug for hjælp.';

/** A question as HR sees it: the text, the facts, the nearest statements, and (while open) the answer form. */
export function questionForHr(q: HrQuestion, nearest: StatementView[], platformLabel: string, saved?: SavedAnswer): Reply {
  const facts: Fact[] = [
    { label: 'Stillet', value: danishDate(dayOf(q.askedAt)) },
    { label: 'Fra', value: platformLabel },
    { label: 'Spurgt af', value: q.name ?? 'Anonym' },
  ];
  const sections = nearest.length ? [{ title: 'Det nærmeste, Ledelsesbot fandt', statements: nearest }] : [];
  if (q.status !== 'open' && q.answer) {
    facts.push({ label: q.status === 'answered' ? 'Besvaret af' : 'Lukket af', value: `${q.answer.by}, ${danishMoment(q.answer.at)}` });
    if (q.delivery) facts.push({ label: 'Til lederen', value: deliveryText(q) });
    if (q.status === 'answered') {
      sections.push({ title: 'HR\'s svar', statements: [saved ? savedAnswerView(saved) : plainAnswerView(q.id, q.answer.text, dayOf(q.answer.at))] });
    }
    if (q.answer.savedAnswerId) facts.push({ label: 'Gemt som viden', value: saved ? `Ja — findes, når ledere spørger: "${saved.wording}"` : 'Ja (siden fjernet)' });
  }
  const open = q.status === 'open';
  return {
    type: 'hr-question',
    title: open ? 'Nyt spørgsmål til HR' : q.status === 'answered' ? 'Spørgsmål til HR — besvaret' : 'Spørgsmål til HR — lukket',
    ...(open
      ? { intro: 'En leder har sendt dette spørgsmål til HR, fordi Ledelsesbot ikke havde et godt svar. Svaret går tilbage til lederen, hvor spørgsmålet blev stillet.' }
      : {}),
    quote: q.text,
    facts,
    sections,
    suggestions: [],
    sources: [],
    actions: open
      ? [
          { type: 'hr-open', label: 'Svar', questionId: q.id },
          { type: 'hr-dismiss', label: 'Ikke relevant', questionId: q.id },
        ]
      : [],
    ...(open ? { form: answerForm(q) } : {}),
  };
}

function deliveryText(q: HrQuestion): string {
  switch (q.delivery?.state) {
    case 'delivered':
      return 'Leveret';
    case 'waiting':
      return 'Venter på, at lederen åbner den lokale side';
    case 'failed':
      return `Kunne ikke leveres: ${q.delivery.note ?? 'ukendt fejl'} Svaret står her.`;
    default:
      return 'Sendes';
  }
}

/** The wording prefilled for finding the answer: the question, cut at a word boundary. */
export function suggestedWording(question: string): string {
  const clean = question.replace(/\s+/g, ' ').trim();
  if (clean.length <= MAX_WORDING) return clean;
  const cut = clean.slice(0, MAX_WORDING);
  const space = cut.lastIndexOf(' ');
  return space > MAX_WORDING / 2 ? cut.slice(0, space) : cut;
}

const DIRECTION_OPTIONS = DIRECTIONS.map((d) => ({ value: d, label: d === 'general' ? 'Generelt (ingen bestemt retning)' : DIRECTION_LABEL[d] }));
const KIND_OPTIONS = SAVED_KINDS.map((k) => ({ value: k, label: KIND_LABEL[k] }));

/** HR's answer form for a question. */
export function answerForm(q: HrQuestion): ReplyForm {
  return {
    id: 'hr-answer',
    title: 'Svar på spørgsmål',
    submitLabel: 'Send svar',
    hidden: { questionId: q.id },
    fields: [
      { type: 'text', name: 'answer', label: 'Svar til lederen', multiline: true, maxLength: MAX_HR_ANSWER, required: true },
      {
        type: 'choice',
        name: 'save',
        label: 'Gem svaret som viden?',
        value: 'no',
        options: [
          { value: 'no', label: 'Nej, kun til denne leder' },
          { value: 'yes', label: 'Ja, så andre ledere får det samme svar' },
        ],
      },
      {
        type: 'text',
        name: 'wording',
        label: 'Sådan spørger ledere om det',
        value: suggestedWording(q.text),
        maxLength: MAX_WORDING,
        hint: 'Bruges kun, når svaret gemmes: ledere, der spørger sådan eller næsten sådan, får svaret. Lederens navn gemmes aldrig.',
      },
      { type: 'choice', name: 'direction', label: 'Retning (når svaret gemmes)', value: 'general', options: DIRECTION_OPTIONS },
      { type: 'choice', name: 'kind', label: 'Type (når svaret gemmes)', value: 'remark', options: KIND_OPTIONS },
    ],
  };
}

/** The leader's form for sending a question to HR: the text (editable), anonymous or named. */
export function askForm(question: string, nearest: readonly string[], askName: boolean): ReplyForm {
  return {
    id: 'hr-ask',
    title: 'Send til HR',
    submitLabel: 'Send til HR',
    hidden: { nearest: nearest.join(',') },
    fields: [
      {
        type: 'text',
        name: 'question',
        label: 'Dit spørgsmål — HR ser præcis denne tekst',
        value: question.slice(0, MAX_HR_QUESTION),
        multiline: true,
        maxLength: MAX_HR_QUESTION,
        required: true,
      },
      {
        type: 'choice',
        name: 'identity',
        label: 'Hvem må HR se, at spørgsmålet er fra?',
        value: 'anonymous',
        options: [
          { value: 'anonymous', label: 'Send anonymt' },
          { value: 'named', label: 'Send med mit navn, så HR kan følge op' },
        ],
      },
      ...(askName ? [{ type: 'text' as const, name: 'name', label: 'Dit navn (kun hvis du sender med navn)', maxLength: MAX_NAME }] : []),
    ],
  };
}
