// The platform-neutral reply model. Every front end renders a Reply natively (Block Kit,
// Adaptive Cards, HTML, plain text) and builds no answers of its own.

import {
  DIRECTION_LABEL,
  KIND_LABEL,
  type Direction,
  type Kind,
} from '../knowledge/directions.ts';
import type { Source, Statement } from '../knowledge/schema.ts';
import type { ActionRequest } from './actions.ts';

export interface StatementView {
  id: string;
  text: string;
  direction: Direction;
  /** "Ledelse nedad" */
  directionLabel: string;
  kind: Kind;
  /** "Gør", "Undgå", "Bemærkning", "Ønske" */
  kindLabel: string;
  groups: number[];
  /** "Gruppe 4 og 6" */
  groupsLabel: string;
  /** Sub-heading in the source, when there is one. */
  topic?: string;
  /** "Opsamling tværgående ledelsesgrupper, 22. maj 2024" */
  sourceLabel: string;
}

export interface ReplySection {
  /** "Gør", "Undgå", … — absent for a plain list. */
  title?: string;
  kind?: Kind;
  statements: StatementView[];
}

export type ReplyType =
  | 'direction'
  | 'general'
  | 'answer'
  /** The situation is clear, but no statement answers it directly: the nearest, said plainly. */
  | 'nearest'
  | 'no-match'
  | 'tip'
  | 'help'
  | 'info'
  | 'error'
  /** A vote was counted. */
  | 'thanks'
  /** A form to fill in (brief, backbrief, sending a question to HR, HR's answer): the form is in `actions` (brief) or `form` (HR). */
  | 'form'
  /** Brief and backbrief: a brief received, a backbrief, the author's overview, a note. */
  | 'brief'
  /** A question to HR as HR sees it: the question, its facts, the nearest statements, the answer form. */
  | 'hr-question';

export interface Suggestion {
  /** What to type, without the platform's prefix: "nedad", "til siden", "bungay". */
  command: string;
  /** Danish label for a button: "Ledelse nedad". */
  label: string;
}

/**
 * What a person can do with a reply. Each action carries a typed payload; a front end renders it
 * as its platform's button (or, later, form) and hands the click back to the core as an
 * `ActionRequest` (src/bot/actions.ts), never as text to parse again.
 */
export type ReplyAction =
  /** "Hjalp det?" 👍/👎 on the statements shown. */
  | { type: 'feedback'; statementIds: string[]; questionHash: string }
  /** "Flere om <retning>": the direction's full list. */
  | { type: 'more'; command: string; label: string }
  /** A form to show at once (a Slack modal, Adaptive Card inputs, an HTML form). */
  | { type: 'form'; form: FormSpec }
  /** A button that hands a typed request back to the core ("Giv backbrief", "Luk briefet"). */
  | { type: 'button'; label: string; request: ActionRequest; style?: 'primary' | 'danger' }
  /**
   * "Send spørgsmålet til HR": opens the form where the leader chooses anonymous or named. The
   * question and the nearest statements travel with the button; nothing is sent before it is used.
   */
  | { type: 'hr-offer'; label: string; question: string; nearest: string[] }
  /** HR's "Svar": opens the answer form where a platform shows forms apart from messages. */
  | { type: 'hr-open'; label: string; questionId: string }
  /** HR's "Ikke relevant": closes the question with a short note to the asker. */
  | { type: 'hr-dismiss'; label: string; questionId: string }
  /** "Fjern" on a saved HR answer. */
  | { type: 'hr-remove'; label: string; answerId: string };

/** Which form a multi-step conversation shows. */
export type BriefFormId = 'brief' | 'backbrief';
/** The forms of "Spørg HR" (a ReplyForm). */
export type HrFormId = 'hr-ask' | 'hr-answer';
export type FormId = BriefFormId | HrFormId;

export interface FormOption {
  value: string;
  label: string;
}

export interface FormField {
  /** The key of the value in the submission. */
  id: string;
  label: string;
  /** A short Danish hint under or inside the field. */
  hint?: string;
  /**
   * text/longtext: free text; date: a calendar day (YYYY-MM-DD); choice: one of `options`;
   * people: one or more people of the platform (a picker where the platform has one, else
   * `options` from the conversation, else names typed).
   */
  kind: 'text' | 'longtext' | 'date' | 'choice' | 'people';
  required: boolean;
  maxLength?: number;
  options?: FormOption[];
  /** What the field holds already (a submission shown again with its errors). */
  value?: string | string[];
  /** Why the submitted value was refused, in Danish. */
  error?: string;
}

export interface FormSpec {
  form: BriefFormId;
  /** What the form is about (the brief a backbrief answers). */
  ref?: string;
  title: string;
  submitLabel: string;
  /** Two or three plain Danish sentences on what the form is for. */
  explanation: string;
  /** What the person answers to (the brief's intent, frame and deadline), shown above the fields. */
  context?: ReplyDetail[];
  fields: FormField[];
  /** The groups' own remarks, one click away. */
  remarks?: { title: string; statements: StatementView[] };
}

/** A labelled piece of a reply: a person's text, people, or a short note. */
export interface ReplyDetail {
  label: string;
  /** Text a person wrote, or the core's own; rendered as plain text, never markup. */
  text?: string;
  /** Platform user ids, rendered as the platform names people. */
  people?: string[];
  /** A gentle remark the reader may want to act on ("Backbriefet nævner ikke …"). */
  note?: boolean;
}

/** A group of details with its own buttons (one brief in the author's overview). */
export interface ReplyDetailGroup {
  title?: string;
  details: ReplyDetail[];
  actions?: ReplyAction[];
}

/** A field of an HR form (ReplyForm): a text (one line or several) or a choice between a few options. */
export type HrFormField =
  | { type: 'text'; name: string; label: string; value?: string; multiline?: boolean; maxLength: number; required?: boolean; hint?: string }
  | { type: 'choice'; name: string; label: string; options: Array<{ value: string; label: string }>; value: string; hint?: string };

/**
 * A form to fill in. A front end renders it natively (a Slack modal, Adaptive Card inputs, an
 * HTML form) and hands the submission back as `{ type: 'submit', form, values }` with `hidden`
 * among the values.
 */
export interface ReplyForm {
  id: HrFormId;
  /** Short: a Slack modal title holds 24 characters. */
  title: string;
  submitLabel: string;
  fields: HrFormField[];
  /** Values that travel with the form unseen (the question's id). */
  hidden: Record<string, string>;
}

/** A label and a short value shown side by side ("Stillet: 3. marts 2026"). */
export interface Fact {
  label: string;
  value: string;
}

/** What a reply answers, so buttons on it never have to read the text again. */
export interface Asked {
  /** The text as the core read it (a command or a question). */
  text: string;
  /** True when it was a free question, not a command. */
  isQuestion: boolean;
}

export interface Reply {
  type: ReplyType;
  title: string;
  /** One short Danish paragraph above the statements. */
  intro?: string;
  sections: ReplySection[];
  /** Commands worth trying next, e.g. after "no good match" or in help. */
  suggestions: Suggestion[];
  /** For help: each command with its description. */
  commands?: Array<{ command: string; description: string }>;
  /** The sources of the statements shown, one line each. */
  sources: string[];
  actions: ReplyAction[];
  /** Set by the core on replies to a message or a re-shown answer. */
  asked?: Asked;
  /** Labelled details in groups (brief and backbrief). */
  groups?: ReplyDetailGroup[];
  /** A person's own words, shown quoted and escaped like any user text (a question to HR). */
  quote?: string;
  /** Short facts shown side by side (a question to HR: day, platform, who). */
  facts?: Fact[];
  /** A form to fill in: on a 'form' reply, or inline on a question to HR where the platform shows forms in messages. */
  form?: ReplyForm;
  /** The id of the question just sent to HR, for a page that fetches the answer later itself. */
  sentToHr?: string;
  /** Answers from HR fetched by the page (the first is the reply itself), and the questions they answer. */
  inbox?: Reply[];
  delivered?: string[];
}

const MONTHS = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];

/** "2024-05-22" → "22. maj 2024" */
export function danishDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d}. ${MONTHS[(m ?? 1) - 1]} ${y}`;
}

/** [4] → "Gruppe 4"; [4, 6] → "Gruppe 4 og 6"; [1, 2, 5] → "Gruppe 1, 2 og 5" */
export function groupsLabel(groups: readonly number[]): string {
  const sorted = [...groups].sort((a, b) => a - b);
  if (sorted.length === 1) return `Gruppe ${sorted[0]}`;
  return `Gruppe ${sorted.slice(0, -1).join(', ')} og ${sorted.at(-1)}`;
}

export function sourceLabel(source: Source | undefined): string {
  return source ? `${source.title}, ${danishDate(source.date)}` : 'Ukendt kilde';
}

export function viewStatement(s: Statement, sources: ReadonlyMap<string, Source>): StatementView {
  const view: StatementView = {
    id: s.id,
    text: s.text,
    direction: s.direction,
    directionLabel: DIRECTION_LABEL[s.direction],
    kind: s.kind,
    kindLabel: KIND_LABEL[s.kind],
    groups: [...s.groups],
    groupsLabel: groupsLabel(s.groups),
    sourceLabel: sourceLabel(sources.get(s.source)),
  };
  if (s.topic) view.topic = s.topic;
  return view;
}

export function sourcesOf(sections: readonly ReplySection[]): string[] {
  return [...new Set(sections.flatMap((sec) => sec.statements.map((s) => s.sourceLabel)))];
}

export function statementIdsOf(reply: Reply): string[] {
  return reply.sections.flatMap((s) => s.statements.map((st) => st.id));
}
