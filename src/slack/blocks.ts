// Reply → Block Kit. The one place that knows Slack's layout limits; everything a user sees in
// Slack is built here from the platform-neutral Reply (src/bot/reply.ts).

import type { types } from '@slack/bolt';
import type { Kind } from '../knowledge/directions.ts';
import { renderText } from '../bot/render-text.ts';
import type { Reply, ReplyType, StatementView } from '../bot/reply.ts';
import { ACTION, BLOCK, commandRef, encodeValue, type CommandRef, type FeedbackValue } from './action-values.ts';
import { stripMarkup } from '../search/normalize.ts';
import { hrButtons, hrHeadBlocks } from './hr-blocks.ts';
import { escapeMrkdwn, packLines, quoteUserText, shorten, splitText } from './mrkdwn.ts';
import { COMMAND_PREFIX } from './platform.ts';
import { formOf, groupsBlocks, requestButtons } from './brief-blocks.ts';

type KnownBlock = types.KnownBlock;
type Button = types.Button;

// Slack's limits (https://docs.slack.dev/reference/block-kit/blocks).
/** Blocks in one message. */
export const MAX_BLOCKS_PER_MESSAGE = 50;
/** Blocks in a Home tab view. */
export const MAX_BLOCKS_PER_HOME_VIEW = 100;
/** Characters in a section block's text. */
export const MAX_SECTION_TEXT = 3000;
/** Characters in a header block's text. */
export const MAX_HEADER_TEXT = 150;
/** Elements in a context block. */
export const MAX_CONTEXT_ELEMENTS = 10;
/** Characters in one text object of a context block. */
export const MAX_CONTEXT_TEXT = 3000;
/** Characters on a button. */
export const MAX_BUTTON_TEXT = 75;
/** Elements in an actions block. */
export const MAX_ACTIONS_ELEMENTS = 25;
/**
 * The message's plain `text`, shown in notifications and read by screen readers where blocks
 * are not. Slack truncates it far later (40 000); a notification shows only its start.
 */
export const MAX_FALLBACK_TEXT = 3000;
/** How much of a person's question is quoted back. */
export const MAX_QUOTED_QUESTION = 300;


const KIND_MARKER: Record<Kind, string> = {
  do: '✅',
  dont: '⛔',
  wish: '💡',
  remark: '💬',
  meeting: '🗒️',
};

/** Replies worth sharing in the channel. */
const SHAREABLE: ReadonlySet<ReplyType> = new Set(['direction', 'general', 'answer', 'nearest', 'tip']);
/** Replies shown as a list under kind headings rather than as cards. */
const LIST_STYLE: ReadonlySet<ReplyType> = new Set(['direction', 'general']);

export interface RenderOptions {
  /** The text after /ledelse (or the question) that produced the reply; buttons re-run it. */
  command?: string;
  /** Zero-based page of a long list. */
  page?: number;
  /** Add "Del i kanalen" (ephemeral answers only). */
  share?: boolean;
  /** What the person wrote, quoted back above an answer (slash commands, shared answers). */
  question?: string;
  /** Feedback given: show the thanks instead of the buttons. */
  feedbackGiven?: boolean;
  /** Shared in the channel by this Slack user id ("Delt af @navn"). */
  sharedBy?: string;
}

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
  page: number;
  pageCount: number;
}

const plain = (text: string): types.PlainTextElement => ({ type: 'plain_text', text, emoji: true });
const mrkdwn = (text: string): types.MrkdwnElement => ({ type: 'mrkdwn', text });

function header(text: string): KnownBlock {
  return { type: 'header', text: plain(shorten(text, MAX_HEADER_TEXT)) };
}

/** Sections for already-escaped mrkdwn, split at sentence boundaries to fit. */
function sections(text: string): KnownBlock[] {
  return splitText(text, MAX_SECTION_TEXT).map((t) => ({ type: 'section', text: mrkdwn(t) }));
}

function context(texts: string[], blockId?: string): KnownBlock {
  const elements = texts.slice(0, MAX_CONTEXT_ELEMENTS).map((t) => mrkdwn(splitText(t, MAX_CONTEXT_TEXT)[0]!));
  return blockId ? { type: 'context', block_id: blockId, elements } : { type: 'context', elements };
}

function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button {
  const b: Button = { type: 'button', text: plain(shorten(text, MAX_BUTTON_TEXT)), action_id: actionId, value };
  if (style) b.style = style;
  return b;
}

/** One statement as a card: marker, kind and text; then direction and groups underneath. */
export function statementCard(s: StatementView): KnownBlock[] {
  const meta = [s.directionLabel, s.groupsLabel, ...(s.topic ? [s.topic] : [])].map(escapeMrkdwn).join(' · ');
  return [...sections(`${KIND_MARKER[s.kind]} *${escapeMrkdwn(s.kindLabel)}:* ${escapeMrkdwn(s.text)}`), context([meta])];
}

/** The statements of a list, one bullet each, packed into as few sections as fit. */
function bulletSections(statements: readonly StatementView[], showKind: boolean): KnownBlock[] {
  const lines = statements.map((s) => {
    const label = showKind && s.kind !== 'remark' ? `${s.kindLabel} · ${s.groupsLabel}` : s.groupsLabel;
    return `• ${escapeMrkdwn(s.text)} _(${escapeMrkdwn(label)})_`;
  });
  return packLines(lines, MAX_SECTION_TEXT).map((t) => ({ type: 'section', text: mrkdwn(t) }));
}

/**
 * The body as units: blocks that belong together (a heading and its first lines, a card) and
 * are never separated by a page break.
 */
function bodyUnits(reply: Reply): KnownBlock[][] {
  const units: KnownBlock[][] = [];
  if (LIST_STYLE.has(reply.type)) {
    for (const section of reply.sections) {
      const bullets = bulletSections(section.statements, !section.kind);
      if (section.title) {
        const marker = section.kind ? `${KIND_MARKER[section.kind]} ` : '';
        const heading: KnownBlock = {
          type: 'section',
          text: mrkdwn(`*${marker}${escapeMrkdwn(section.title)}* (${section.statements.length})`),
        };
        units.push([heading, ...bullets.slice(0, 1)], ...bullets.slice(1).map((b) => [b]));
      } else {
        units.push(...bullets.map((b) => [b]));
      }
    }
  } else {
    for (const section of reply.sections) for (const s of section.statements) units.push(statementCard(s));
  }
  if (reply.commands?.length) {
    const lines = reply.commands.map((c) => `\`${escapeMrkdwn(c.command)}\` — ${escapeMrkdwn(c.description)}`);
    units.push(...packLines(lines, MAX_SECTION_TEXT).map((t): KnownBlock[] => [{ type: 'section', text: mrkdwn(t) }]));
  }
  if (reply.type === 'no-match' && reply.suggestions.length) {
    const tries = reply.suggestions.map((s) => `\`${escapeMrkdwn(COMMAND_PREFIX + s.command)}\``).join(' · ');
    units.push(sections(`Prøv: ${tries}`));
  }
  return units;
}

/** Splits units into pages of at most `budget` blocks. */
function paginate(units: KnownBlock[][], budget: number): KnownBlock[][] {
  const pages: KnownBlock[][] = [[]];
  for (const unit of units) {
    // A unit bigger than a page (never with real data) is split rather than dropped.
    const pieces = unit.length > budget ? unit.map((b) => [b]) : [unit];
    for (const piece of pieces) {
      const page = pages[pages.length - 1]!;
      if (page.length + piece.length > budget && page.length > 0) pages.push([...piece]);
      else page.push(...piece);
    }
  }
  return pages;
}

/** The vote buttons' value: with how to rebuild the answer when it fits, else without. */
function feedbackValue(ref: CommandRef | undefined, vote: FeedbackValue): string | undefined {
  const withRef = ref ? encodeValue({ ...vote, r: ref }) : undefined;
  return withRef ?? encodeValue(vote);
}

/** The statement a tip shows, so that sharing or re-showing it gives the same tip. */
export function tipStatementId(reply: Reply): string | undefined {
  return reply.type === 'tip' ? reply.sections[0]?.statements[0]?.id : undefined;
}

/** Renders a Reply as a Slack message, within Slack's limits. */
export function renderMessage(reply: Reply, options: RenderOptions = {}): SlackMessage {
  const feedback = reply.actions.find((a) => a.type === 'feedback');
  const more = reply.actions.find((a) => a.type === 'more');
  const tipId = tipStatementId(reply);
  // Buttons carry the command without Slack markup: it reads the same to the core, and no
  // mention or link travels along in a value.
  const baseRef =
    options.command !== undefined
      ? commandRef(stripMarkup(options.command).replace(/\s+/g, ' ').trim(), { ...(tipId ? { s: tipId } : {}), ...(feedback ? { q: feedback.questionHash } : {}) })
      : undefined;

  const head: KnownBlock[] = [header(reply.title)];
  if (reply.intro) head.push(...sections(escapeMrkdwn(reply.intro)));
  if (options.question && (reply.type === 'answer' || reply.type === 'nearest' || reply.type === 'no-match')) {
    head.push(context([`Dit spørgsmål: “${quoteUserText(options.question, MAX_QUOTED_QUESTION)}”`]));
  }
  head.push(...hrHeadBlocks(reply));

  const units = bodyUnits(reply);
  // The blocks after the body, counted at their largest (page line, every button, feedback).
  const tailSize = 1 /* sources */ + 1 /* shared by */ + 1 /* page line */ + 1 /* buttons */ + 2; /* feedback */
  const pages = paginate(units, MAX_BLOCKS_PER_MESSAGE - head.length - tailSize);
  const pageCount = pages.length;
  const page = Math.min(Math.max(options.page ?? 0, 0), pageCount - 1);

  const blocks: KnownBlock[] =
    page === 0 ? [...head] : [header(`${reply.title} (fortsat, side ${page + 1} af ${pageCount})`)];
  blocks.push(...pages[page]!);
  if (reply.groups?.length && page === 0) blocks.push(...groupsBlocks(reply, MAX_BLOCKS_PER_MESSAGE - blocks.length - tailSize));

  if (reply.sources.length) blocks.push(context([`Kilde: ${escapeMrkdwn(reply.sources.join('; '))}`]));
  if (options.sharedBy !== undefined) {
    const who = /^[UW][A-Z0-9]+$/.test(options.sharedBy) ? `<@${options.sharedBy}>` : 'en kollega';
    blocks.push(context([`Delt af ${who} med /ledelse`]));
  }
  if (pageCount > 1) blocks.push(context([`Side ${page + 1} af ${pageCount}`]));

  const buttons: Button[] = [];
  if (options.share && SHAREABLE.has(reply.type) && baseRef) {
    const value = encodeValue({ ...baseRef, ...(page > 0 ? { p: page } : {}) });
    if (value) buttons.push(button('Del i kanalen', ACTION.share, value, 'primary'));
  }
  if (page < pageCount - 1 && baseRef) {
    const value = encodeValue({ c: baseRef.c, p: page + 1 });
    if (value) buttons.push(button('Vis flere', ACTION.page, value));
  }
  if (more) {
    const value = encodeValue({ c: more.command });
    if (value) buttons.push(button(more.label, ACTION.more, value));
  }
  reply.suggestions.forEach((s, i) => {
    const value = encodeValue({ c: s.command });
    if (value && buttons.length < MAX_ACTIONS_ELEMENTS) buttons.push(button(s.label, `${ACTION.runPrefix}${i}`, value));
  });
  // A form in a message (no modal can open without a click): a button that opens it.
  const form = formOf(reply);
  const formButton = form ? requestButtons([{ type: 'button', label: form.title, request: { type: 'open-form', form: form.form, ...(form.ref ? { ref: form.ref } : {}) }, style: 'primary' }]) : [];
  buttons.push(...formButton, ...requestButtons(reply.actions, formButton.length));
  if (page === pageCount - 1) for (const b of hrButtons(reply)) if (buttons.length < MAX_ACTIONS_ELEMENTS) buttons.push(b);
  if (buttons.length) blocks.push({ type: 'actions', block_id: BLOCK.footer, elements: buttons.slice(0, MAX_ACTIONS_ELEMENTS) });

  if (feedback && page === 0) {
    if (options.feedbackGiven) {
      blocks.push(context(['Tak for din feedback 🙏'], BLOCK.feedbackLabel));
    } else {
      const vote: FeedbackValue = { i: feedback.statementIds, q: feedback.questionHash };
      const value = feedbackValue(baseRef, vote);
      if (value) {
        blocks.push(context(['*Hjalp det?*'], BLOCK.feedbackLabel), {
          type: 'actions',
          block_id: BLOCK.feedback,
          elements: [button('👍 Ja', ACTION.feedbackUp, value), button('👎 Nej', ACTION.feedbackDown, value)],
        });
      }
    }
  }

  return { text: fallbackText(reply), blocks, page, pageCount };
}

/** Plain text of the reply for notifications, escaped and cut at a line boundary. */
export function fallbackText(reply: Reply): string {
  const text = escapeMrkdwn(renderText(reply, COMMAND_PREFIX));
  if (text.length <= MAX_FALLBACK_TEXT) return text;
  const cut = text.slice(0, MAX_FALLBACK_TEXT - 2);
  const line = cut.lastIndexOf('\n');
  return `${line > 0 ? cut.slice(0, line) : shorten(cut, MAX_FALLBACK_TEXT - 2)}\n…`;
}

/** Replaces "Hjalp det?" and its buttons in existing blocks with the thanks. */
export function withFeedbackThanks(blocks: readonly KnownBlock[]): KnownBlock[] {
  const out: KnownBlock[] = [];
  for (const b of blocks) {
    if (b.block_id === BLOCK.feedback) continue;
    if (b.block_id === BLOCK.feedbackLabel) out.push(context(['Tak for din feedback 🙏'], BLOCK.feedbackLabel));
    else out.push(b);
  }
  return out;
}

export interface HomeContent {
  /** "Opsamling tværgående ledelsesgrupper, 22. maj 2024" */
  sources: string[];
  statementCount: number;
  tip: Reply;
  commands: Array<{ command: string; description: string }>;
  /** The person's briefs ("brief status"), when known. */
  briefs?: Reply;
}

/** The App Home tab: what the bot is, where its knowledge comes from, today's tip, the commands. */
export function renderHome(content: HomeContent): types.HomeView {
  const blocks: KnownBlock[] = [
    header('Ledelsesbot'),
    ...sections(
      escapeMrkdwn(
        'Ledelsesbot kender de gør og undgå, som kommunens tværgående ledelsesgrupper skrev ned om at lede opad, nedad, til siden og udad i en budget- og spareproces. Spørg med dine egne ord, eller vælg en retning.',
      ),
    ),
    context([
      `Kilde: ${escapeMrkdwn(content.sources.join('; ') || 'ingen')} · ${content.statementCount} udsagn`,
    ]),
    { type: 'divider' },
    header(content.tip.title),
  ];
  for (const section of content.tip.sections) for (const s of section.statements) blocks.push(...statementCard(s));
  if (content.briefs) {
    const briefs = content.briefs;
    blocks.push({ type: 'divider' }, header(briefs.title));
    if (briefs.intro) blocks.push(...sections(escapeMrkdwn(briefs.intro)));
    // Room for the commands below (about 6 blocks) is kept.
    blocks.push(...groupsBlocks(briefs, MAX_BLOCKS_PER_HOME_VIEW - blocks.length - 10));
    const start = requestButtons([{ type: 'button', label: 'Giv et brief', request: { type: 'open-form', form: 'brief' }, style: 'primary' }]);
    blocks.push({ type: 'actions', block_id: 'ledelse_home_brief', elements: start });
  }
  blocks.push({ type: 'divider' }, header('Sådan bruger du mig'));
  const lines = content.commands.map((c) => `\`${escapeMrkdwn(c.command)}\` — ${escapeMrkdwn(c.description)}`);
  blocks.push(...packLines(lines, MAX_SECTION_TEXT).map((t): KnownBlock => ({ type: 'section', text: mrkdwn(t) })));
  blocks.push(
    context([
      'Skriv til mig under fanen *Beskeder*, nævn mig i en kanal med @Ledelsesbot, eller brug `/ledelse` hvor som helst. Svar på `/ledelse` ser kun du, indtil du trykker “Del i kanalen”.',
    ]),
  );
  return { type: 'home', blocks: blocks.slice(0, MAX_BLOCKS_PER_HOME_VIEW) };
}
