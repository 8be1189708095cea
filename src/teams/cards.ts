// Reply → Adaptive Cards for Teams. The reply model decides what is said; this module only
// decides how it looks in Teams and keeps each message within Teams' limits.
//
// Everything that comes from the Reply (statements, titles, user input echoed in an error)
// is written as RichTextBlock/TextRun, which Adaptive Cards render as plain text: no
// Markdown, so a statement or a user's words can never turn into a link, a list or bold.

import type {
  CardElementArray,
  IActionSet,
  IAdaptiveCard,
  IContainer,
  IExecuteAction,
  IRichTextBlock,
  ISubmitAction,
  ITextRun,
  TextColor,
} from '@microsoft/teams.cards';
import type { Reply, ReplyAction, ReplySection, StatementView } from '../bot/reply.ts';
import type { Kind } from '../knowledge/directions.ts';
import { formCard, formOf, groupElements, replyRequestActions, type NameOf } from './brief-cards.ts';
import { formElements, hrHeadElements, hrSubmitActions } from './hr-cards.ts';

/** Teams supports Adaptive Cards 1.5 (Action.Execute, RichTextBlock) in chats and channels. */
export const CARD_VERSION = '1.5';
/**
 * Teams rejects a message over about 28 KB. A card is kept below this many bytes of JSON so
 * the activity around it (ids, service URL, summary) fits too.
 */
export const MAX_CARD_BYTES = 24_000;
/** Teams shows at most six actions on a card. */
export const MAX_CARD_ACTIONS = 6;
/** The feedback row, found again when a vote replaces it with a thank-you. */
export const FEEDBACK_ELEMENT_ID = 'feedback';

/** Data on a feedback button (Action.Execute, with Action.Submit as fallback). */
export interface FeedbackData {
  action: 'feedback';
  vote: 'up' | 'down';
  statementIds: string[];
  questionHash: string;
  /** The question answered, so a 👎 can offer to send it to HR. */
  question?: string;
}

/** Data on a command button: works as if the person had written the command. */
export interface CommandData {
  action: 'command';
  command: string;
}

export interface RenderOptions {
  /**
   * In channels and group chats the bot only hears messages that mention it; the help card
   * says so, with the bot's name.
   */
  mentionHint?: string;
  /** People's names by id, for brief and backbrief (kept in memory only). */
  nameOf?: NameOf;
}

const MARKER: Partial<Record<Kind, string>> = { do: '✔', dont: '✘' };
const KIND_COLOR: Partial<Record<Kind, TextColor>> = { do: 'Good', dont: 'Attention' };

function run(text: string, style: Omit<ITextRun, 'type' | 'text'> = {}): ITextRun {
  return { type: 'TextRun', text, ...style };
}

/** A paragraph of plain text (never Markdown). */
function plain(text: string, style: Omit<ITextRun, 'type' | 'text'> = {}, block: Partial<IRichTextBlock> = {}): IRichTextBlock {
  return { type: 'RichTextBlock', inlines: [run(text, style)], ...block };
}

function byteLength(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

/** "Gør · Ledelse opad · Gruppe 4 og 6" — the kind is left out under a "Gør"/"Undgå" heading. */
export function statementMeta(s: StatementView, underKindHeading: boolean): string {
  const parts = underKindHeading ? [] : [s.kindLabel];
  parts.push(s.directionLabel, s.groupsLabel);
  return parts.join(' · ');
}

function statementElement(s: StatementView, section: ReplySection): IContainer {
  const marker = MARKER[s.kind];
  const underKindHeading = section.kind !== undefined && section.kind === s.kind;
  return {
    type: 'Container',
    spacing: 'Medium',
    items: [
      {
        type: 'RichTextBlock',
        inlines: marker ? [run(`${marker} `, { color: KIND_COLOR[s.kind] ?? 'Default', weight: 'Bolder' }), run(s.text)] : [run(s.text)],
      },
      plain(statementMeta(s, underKindHeading), { size: 'Small', isSubtle: true }, { spacing: 'None' }),
    ],
  };
}

function sectionHeading(section: ReplySection, continued: boolean): IRichTextBlock | undefined {
  if (!section.title) return undefined;
  const marker = section.kind ? MARKER[section.kind] : undefined;
  const title = `${marker ? `${marker} ` : ''}${section.title}${continued ? ' (fortsat)' : ''}`;
  return plain(title, { weight: 'Bolder', size: 'Medium', color: (section.kind && KIND_COLOR[section.kind]) || 'Default' }, { spacing: 'Large' });
}

function feedbackData(action: Extract<ReplyAction, { type: 'feedback' }>, vote: 'up' | 'down', question?: string): FeedbackData {
  return { action: 'feedback', vote, statementIds: action.statementIds, questionHash: action.questionHash, ...(vote === 'down' && question ? { question } : {}) };
}

function feedbackButton(action: Extract<ReplyAction, { type: 'feedback' }>, vote: 'up' | 'down', question?: string): IExecuteAction {
  const title = vote === 'up' ? '👍 Ja' : '👎 Nej';
  const data = feedbackData(action, vote, question);
  // Older Teams clients without Universal Actions send the same data as a message instead.
  const fallback: ISubmitAction = { type: 'Action.Submit', title, data };
  return { type: 'Action.Execute', title, verb: 'feedback', data, fallback };
}

function feedbackElement(action: Extract<ReplyAction, { type: 'feedback' }>, question?: string): IContainer {
  const buttons: IActionSet = { type: 'ActionSet', actions: [feedbackButton(action, 'up'), feedbackButton(action, 'down', question)] };
  return {
    type: 'Container',
    id: FEEDBACK_ELEMENT_ID,
    separator: true,
    spacing: 'Medium',
    items: [plain('Hjalp det?', { weight: 'Bolder' }), buttons],
  };
}

function commandButton(command: string, label: string): ISubmitAction {
  const data: CommandData = { action: 'command', command };
  return { type: 'Action.Submit', title: label, data };
}

function cardShell(body: CardElementArray, actions: ISubmitAction[], summary: string): IAdaptiveCard {
  const card: IAdaptiveCard = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    msteams: { width: 'full' },
    fallbackText: summary,
    body,
  };
  if (actions.length) card.actions = actions;
  return card;
}

/** One message's worth of a reply. */
export interface RenderedCard {
  card: IAdaptiveCard;
  /** Notification and preview text in Teams. */
  summary: string;
  /** True for the card that carries the feedback buttons. */
  hasFeedback: boolean;
}

/**
 * Renders a reply as one Adaptive Card, or several when a long list (all of "opad", all of
 * Bungay) would not fit in one Teams message. The title and intro open the first card; the
 * sources, feedback and suggestions close the last one.
 */
export function renderReplyCards(reply: Reply, options: RenderOptions = {}): RenderedCard[] {
  const form = formOf(reply);
  if (form) return [{ card: formCard(form, options.nameOf), summary: form.title, hasFeedback: false }];
  const head: CardElementArray = [plain(reply.title, { weight: 'Bolder', size: 'Large' }, { id: 'title' })];
  // The honest "nearest" says so in the warning colour: it is not an answer to the question.
  if (reply.intro) head.push(plain(reply.intro, reply.type === 'nearest' ? { color: 'Warning' } : {}, { spacing: 'Small' }));
  head.push(...hrHeadElements(reply));
  if (reply.type === 'help' && options.mentionHint) {
    head.push(
      plain(`I kanaler og gruppechats svarer jeg, når du nævner mig: skriv @${options.mentionHint} foran beskeden, fx "@${options.mentionHint} nedad".`, {
        isSubtle: true,
      }),
    );
  }

  // Units that must not be split over two cards: a statement (with its heading if it opens a section).
  interface Unit {
    sectionIndex: number;
    first: boolean;
    element: IContainer;
  }
  const units: Unit[] = [];
  reply.sections.forEach((section, sectionIndex) => {
    section.statements.forEach((s, i) => units.push({ sectionIndex, first: i === 0, element: statementElement(s, section) }));
  });

  const tail: CardElementArray = [];
  if (reply.commands?.length) {
    const lines = reply.commands.map(
      (c): IRichTextBlock => ({
        type: 'RichTextBlock',
        spacing: 'Small',
        inlines: [run(c.command, { fontType: 'Monospace', weight: 'Bolder' }), run(` — ${c.description}`)],
      }),
    );
    tail.push({ type: 'Container', spacing: 'Medium', items: lines });
  }
  if (reply.sources.length) {
    tail.push(plain(`Kilde: ${reply.sources.join('; ')}`, { size: 'Small', isSubtle: true }, { spacing: 'Large', separator: true }));
  }
  const feedback = reply.actions.find((a): a is Extract<ReplyAction, { type: 'feedback' }> => a.type === 'feedback');
  const asked = reply.asked?.isQuestion ? reply.asked.text.slice(0, 1500) : undefined;
  if (feedback && feedback.statementIds.length) tail.push(feedbackElement(feedback, asked));

  const buttons: ISubmitAction[] = [];
  for (const a of reply.actions) if (a.type === 'more') buttons.push(commandButton(a.command, a.label));
  for (const s of reply.suggestions) buttons.push(commandButton(s.command, s.label));
  // A form (the leader's, or HR's answer form on a question) closes the card with its inputs.
  if (reply.form) {
    const form = formElements(reply.form);
    tail.push(...form.body);
    buttons.unshift(form.submit);
  }
  buttons.push(...hrSubmitActions(reply));
  buttons.push(...(replyRequestActions(reply) as unknown as ISubmitAction[]));
  const actions = buttons.slice(0, MAX_CARD_ACTIONS);

  // Greedy packing by size. Pages are built as element lists first, titled afterwards.
  const pages: CardElementArray[] = [[...head]];
  const sizeOf = (body: CardElementArray, withActions: boolean) =>
    byteLength(cardShell(body, withActions ? actions : [], reply.title)) + 200; // room for "(fortsat, 2 af 3)"
  for (const unit of units) {
    const section = reply.sections[unit.sectionIndex]!;
    let page = pages.at(-1)!;
    const heading = unit.first ? sectionHeading(section, false) : undefined;
    const candidate = [...page, ...(heading ? [heading] : []), unit.element];
    if (sizeOf(candidate, false) <= MAX_CARD_BYTES || page.length === 0) {
      page.push(...(heading ? [heading] : []), unit.element);
      continue;
    }
    page = [];
    pages.push(page);
    const repeated = unit.first ? sectionHeading(section, false) : sectionHeading(section, true);
    if (repeated) page.push(repeated);
    page.push(unit.element);
  }
  // Brief and backbrief: each group (one brief, its backbriefs) is a unit of its own.
  for (const element of groupElements(reply, options.nameOf) as unknown as IContainer[]) {
    const page = pages.at(-1)!;
    if (sizeOf([...page, element], false) <= MAX_CARD_BYTES || page.length === 0) page.push(element);
    else pages.push([element]);
  }
  if (tail.length || actions.length) {
    const last = pages.at(-1)!;
    if (sizeOf([...last, ...tail], true) > MAX_CARD_BYTES && last.length > 0) pages.push([...tail]);
    else last.push(...tail);
  }

  const total = pages.length;
  return pages.map((body, i) => {
    const isLast = i === total - 1;
    const summary = total === 1 ? reply.title : `${reply.title} (${i + 1} af ${total})`;
    let pageBody = body;
    if (i > 0) pageBody = [plain(`${reply.title} (fortsat, ${i + 1} af ${total})`, { weight: 'Bolder', size: 'Medium' }, { id: 'title' }), ...body];
    return {
      card: cardShell(pageBody, isLast ? actions : [], summary),
      summary,
      hasFeedback: isLast && tail.some((el) => 'id' in el && el.id === FEEDBACK_ELEMENT_ID),
    };
  });
}

/**
 * The same card after a vote: the feedback row becomes a thank-you, so the person sees their
 * vote was counted (Teams shows this updated card to the person who voted).
 */
export function cardWithFeedbackThanks(card: IAdaptiveCard, vote: 'up' | 'down'): IAdaptiveCard {
  const thanks = plain(
    vote === 'up' ? 'Tak for din vurdering 👍 Godt at det hjalp.' : 'Tak for din vurdering 👎 Den hjælper os med at gøre svarene bedre.',
    { isSubtle: true },
    { id: FEEDBACK_ELEMENT_ID, separator: true, spacing: 'Medium' },
  );
  const body = card.body.map((el) => ('id' in el && el.id === FEEDBACK_ELEMENT_ID ? thanks : el)) as CardElementArray;
  return { ...card, body };
}

/** A small card for one line of feedback to the person (errors, thanks). */
export function noticeCard(title: string, text: string): IAdaptiveCard {
  return cardShell([plain(title, { weight: 'Bolder' }), plain(text, {}, { spacing: 'Small' })], [], title);
}
