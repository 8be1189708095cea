// "Spørg HR" in Block Kit: the quote and facts of a reply, its HR buttons, and forms as modals.
// Slack's limits for modals live here, next to the renderer that keeps them.

import type { types } from '@slack/bolt';
import type { HrFormField, Reply, ReplyForm } from '../bot/reply.ts';
import { ACTION, encodeValue, HR_VIEW, type HrOfferValue } from './action-values.ts';
import { escapeMrkdwn, quoteUserText, readableUserText, shorten, splitText } from './mrkdwn.ts';

type KnownBlock = types.KnownBlock;
type Button = types.Button;

// https://docs.slack.dev/reference/views and …/block-kit/block-elements
/** A modal's title, submit and close labels. */
export const MAX_MODAL_TITLE = 24;
/** Blocks in a modal. */
export const MAX_MODAL_BLOCKS = 100;
/** private_metadata of a view. */
export const MAX_PRIVATE_METADATA = 3000;
/** A plain_text_input's max_length (and so its initial value). */
export const MAX_TEXT_INPUT = 3000;
/** An input block's label and hint. */
export const MAX_INPUT_LABEL = 2000;
/** An option's text. */
export const MAX_OPTION_TEXT = 75;
/** Fields in a section, and characters in each. */
export const MAX_SECTION_FIELDS = 10;
export const MAX_FIELD_TEXT = 2000;
/** Radio buttons shown as buttons; more options become a menu. */
const MAX_RADIO = 3;

const plain = (text: string, max = 2000): types.PlainTextElement => ({ type: 'plain_text', text: shorten(text, max), emoji: true });
const mrkdwn = (text: string): types.MrkdwnElement => ({ type: 'mrkdwn', text });

/** A person's text as a Block Kit quote: escaped, links and mentions defused, split to fit. */
export function quoteBlocks(raw: string, label: string): KnownBlock[] {
  const text = escapeMrkdwn(readableUserText(raw)).replace(/\r\n?/g, '\n');
  const quoted = text
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');
  return splitText(`*${label}*\n${quoted}`, 3000).map((t) => ({ type: 'section', text: mrkdwn(t) }));
}

/** The facts of a reply as section fields ("*Stillet*\n3. marts 2026"). */
export function factBlocks(reply: Reply): KnownBlock[] {
  if (!reply.facts?.length) return [];
  const fields = reply.facts
    .slice(0, MAX_SECTION_FIELDS)
    .map((f) => mrkdwn(`*${escapeMrkdwn(shorten(f.label, 100))}*\n${splitText(escapeMrkdwn(f.value), MAX_FIELD_TEXT - 110)[0] ?? ''}`));
  return [{ type: 'section', fields }];
}

/** The quote above a reply: the question sent to HR, or the question HR answered. */
export function hrHeadBlocks(reply: Reply): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  if (reply.quote) blocks.push(...(reply.type === 'hr-question' ? quoteBlocks(reply.quote, 'Spørgsmålet') : [context(`Dit spørgsmål: “${quoteUserText(reply.quote, 300)}”`)]));
  blocks.push(...factBlocks(reply));
  return blocks;
}

function context(text: string): KnownBlock {
  return { type: 'context', elements: [mrkdwn(text)] };
}

function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button {
  const b: Button = { type: 'button', text: plain(text, 75), action_id: actionId, value };
  if (style) b.style = style;
  return b;
}

/** The HR offer's value: the question as long as it fits in a button, and the nearest statements. */
export function hrOfferValue(question: string, nearest: readonly string[]): string | undefined {
  let q = question;
  for (let i = 0; i < 20; i++) {
    const value: HrOfferValue = { q, n: nearest.slice(0, 5) };
    const encoded = encodeValue(value);
    if (encoded) return encoded;
    q = shorten(q, Math.floor(q.length * 0.8));
  }
  return undefined;
}

/** Buttons for the HR actions of a reply: the offer, "Svar", "Ikke relevant", "Fjern". */
export function hrButtons(reply: Reply): Button[] {
  const buttons: Button[] = [];
  for (const a of reply.actions) {
    if (a.type === 'hr-offer') {
      const value = hrOfferValue(a.question, a.nearest);
      if (value) buttons.push(button(a.label, ACTION.hrOffer, value, 'primary'));
    } else if (a.type === 'hr-open') {
      buttons.push(button(a.label, ACTION.hrOpen, JSON.stringify({ i: a.questionId }), 'primary'));
    } else if (a.type === 'hr-dismiss') {
      buttons.push(button(a.label, ACTION.hrDismiss, JSON.stringify({ i: a.questionId })));
    } else if (a.type === 'hr-remove') {
      buttons.push(button(a.label, `${ACTION.hrRemovePrefix}${buttons.length}`, JSON.stringify({ a: a.answerId }), 'danger'));
    }
  }
  return buttons.slice(0, 25);
}

function input(field: HrFormField): KnownBlock {
  if (field.type === 'text') {
    const element: types.PlainTextInput = {
      type: 'plain_text_input',
      action_id: field.name,
      multiline: Boolean(field.multiline),
      max_length: Math.min(field.maxLength, MAX_TEXT_INPUT),
    };
    if (field.value) element.initial_value = field.value.slice(0, Math.min(field.maxLength, MAX_TEXT_INPUT));
    const block: types.InputBlock = { type: 'input', block_id: field.name, label: plain(field.label, MAX_INPUT_LABEL), element, optional: !field.required };
    if (field.hint) block.hint = plain(field.hint, MAX_INPUT_LABEL);
    return block;
  }
  const options = field.options.map((o) => ({ text: plain(o.label, MAX_OPTION_TEXT), value: o.value }));
  const initial = options.find((o) => o.value === field.value) ?? options[0]!;
  const element: types.RadioButtons | types.StaticSelect =
    options.length <= MAX_RADIO
      ? { type: 'radio_buttons', action_id: field.name, options, initial_option: initial }
      : { type: 'static_select', action_id: field.name, options, initial_option: initial };
  const block: types.InputBlock = { type: 'input', block_id: field.name, label: plain(field.label, MAX_INPUT_LABEL), element, optional: false };
  if (field.hint) block.hint = plain(field.hint, MAX_INPUT_LABEL);
  return block;
}

/** What a modal carries back on submit: its form's hidden values and where it was opened. */
export interface ModalMetadata {
  /** Hidden values. */
  h: Record<string, string>;
  /** The channel the button was in. */
  c: string;
  /** The thread the answer belongs in. */
  t?: string;
  /** Opened from a private (ephemeral) answer. */
  e?: boolean;
}

/** A form reply as a modal: intro, the quoted question and nearest statements if any, the inputs. */
export function renderModal(reply: Reply, form: ReplyForm, metadata: ModalMetadata): types.ModalView {
  const blocks: KnownBlock[] = [];
  if (reply.intro) blocks.push(...splitText(escapeMrkdwn(reply.intro), 3000).map((t): KnownBlock => ({ type: 'section', text: mrkdwn(t) })));
  if (reply.quote) blocks.push(...quoteBlocks(reply.quote, 'Spørgsmålet'));
  blocks.push(...factBlocks(reply));
  const nearest = reply.sections.flatMap((s) => s.statements).slice(0, 3);
  if (nearest.length) blocks.push(context(`Det nærmeste, Ledelsesbot fandt: ${nearest.map((s) => `“${escapeMrkdwn(shorten(s.text, 200))}”`).join(' · ')}`));
  blocks.push(...form.fields.map(input));
  // The question text is in the form itself; the metadata holds only ids, well under the limit.
  let privateMetadata = JSON.stringify(metadata);
  if (privateMetadata.length > MAX_PRIVATE_METADATA) privateMetadata = JSON.stringify({ ...metadata, h: { ...metadata.h, nearest: '' } });
  return {
    type: 'modal',
    callback_id: form.id === 'hr-ask' ? HR_VIEW.ask : HR_VIEW.answer,
    title: plain(form.title, MAX_MODAL_TITLE),
    submit: plain(form.submitLabel, MAX_MODAL_TITLE),
    close: plain('Annullér', MAX_MODAL_TITLE),
    private_metadata: privateMetadata,
    blocks: blocks.slice(0, MAX_MODAL_BLOCKS),
  };
}

/** The submitted values of a modal, by field name. */
export function modalValues(state: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const values = (state as { values?: Record<string, Record<string, { value?: string | null; selected_option?: { value?: string } | null }>> })?.values ?? {};
  for (const [block, actions] of Object.entries(values)) {
    const action = actions?.[block] ?? Object.values(actions ?? {})[0];
    if (!action) continue;
    const v = action.selected_option?.value ?? action.value;
    if (typeof v === 'string') out[block] = v.slice(0, MAX_TEXT_INPUT);
  }
  return out;
}
