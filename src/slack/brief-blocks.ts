// Forms, detail groups and request buttons of a Reply (brief and backbrief) in Block Kit: the
// form as a modal, the groups as sections, each button carrying its typed request. Slack's limits
// for modals live here, next to the code that keeps to them.

import type { types } from '@slack/bolt';
import type { ActionRequest } from '../bot/actions.ts';
import type { FormField, FormId, FormSpec, Reply, ReplyAction, ReplyDetail, ReplyDetailGroup } from '../bot/reply.ts';
import { MAX_BUTTON_VALUE } from './action-values.ts';
import { escapeMrkdwn, shorten, splitText } from './mrkdwn.ts';

type KnownBlock = types.KnownBlock;
type Button = types.Button;

// https://docs.slack.dev/reference/views and the input elements' references.
/** Characters in a modal's title, submit and close labels. */
export const MAX_MODAL_TITLE = 24;
/** Blocks in a modal. */
export const MAX_MODAL_BLOCKS = 100;
/** Characters in a modal's private_metadata. */
export const MAX_PRIVATE_METADATA = 3000;
/** Characters in an input block's label or hint. */
export const MAX_INPUT_LABEL = 2000;
/** A plain_text_input holds at most this many characters. */
export const MAX_TEXT_INPUT = 3000;
/** Options in a static_select, and characters of an option's text. */
export const MAX_SELECT_OPTIONS = 100;
export const MAX_OPTION_TEXT = 75;
/** Characters in a section's text. */
const MAX_SECTION = 3000;

export const FORM_CALLBACK = 'ledelse_form';
export const REMARKS_ACTION = 'ledelse_form_remarks';
/** Buttons with a typed request: ledelse_request_0, ledelse_request_1, … */
export const REQUEST_ACTION_PREFIX = 'ledelse_request_';
/** The action id inside every input block; the block id is the field's id. */
export const INPUT_ACTION = 'value';

/** What a modal remembers about itself (private_metadata). */
export interface FormMetadata {
  f: FormId;
  r?: string;
}

const plain = (text: string): types.PlainTextElement => ({ type: 'plain_text', text, emoji: true });
const mrkdwn = (text: string): types.MrkdwnElement => ({ type: 'mrkdwn', text });

/** A Slack user id as a mention; anything else (a forged value) as plain words. */
export function person(id: string): string {
  return /^[UW][A-Z0-9]{2,}$/.test(id) ? `<@${id}>` : 'en kollega';
}

function sections(text: string): KnownBlock[] {
  return splitText(text, MAX_SECTION).map((t) => ({ type: 'section', text: mrkdwn(t) }));
}

/** One labelled detail: "*Hensigt:*" and the text, people as mentions, a note as a quiet line. */
export function detailBlocks(d: ReplyDetail): KnownBlock[] {
  const who = d.people?.length ? ` ${d.people.map(person).join(', ')}` : '';
  if (d.note) return [{ type: 'context', elements: [mrkdwn(`💡 ${splitText(escapeMrkdwn(d.text ?? ''), MAX_SECTION - 4)[0]}`)] }];
  if (!d.text) return sections(`*${escapeMrkdwn(d.label)}:*${who}`);
  const text = escapeMrkdwn(d.text);
  return sections(`*${escapeMrkdwn(d.label)}:*${who}${text.length > 60 || text.includes('\n') ? '\n' : ' '}${text}`);
}

/** A request as a button value, or undefined when it would not fit. */
export function encodeRequest(request: ActionRequest): string | undefined {
  const json = JSON.stringify(request);
  return json.length <= MAX_BUTTON_VALUE ? json : undefined;
}

export function requestButtons(actions: readonly ReplyAction[], start = 0): Button[] {
  const out: Button[] = [];
  for (const a of actions) {
    if (a.type !== 'button') continue;
    const value = encodeRequest(a.request);
    if (!value) continue;
    const b: Button = { type: 'button', text: plain(shorten(a.label, 75)), action_id: `${REQUEST_ACTION_PREFIX}${start + out.length}`, value };
    if (a.style) b.style = a.style;
    out.push(b);
  }
  return out;
}

function groupBlocks(group: ReplyDetailGroup, index: number): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  if (group.title) blocks.push({ type: 'section', text: mrkdwn(`*${escapeMrkdwn(group.title)}*`) });
  for (const d of group.details) blocks.push(...detailBlocks(d));
  const buttons = requestButtons(group.actions ?? []);
  if (buttons.length) blocks.push({ type: 'actions', block_id: `ledelse_group_${index}`, elements: buttons });
  return blocks;
}

/**
 * The reply's groups within `budget` blocks: whole groups while they fit, then a line saying how
 * many are left out. A single group bigger than the budget is cut, its buttons kept.
 */
export function groupsBlocks(reply: Reply, budget: number): KnownBlock[] {
  const groups = reply.groups ?? [];
  const out: KnownBlock[] = [];
  for (let i = 0; i < groups.length; i++) {
    let blocks = groupBlocks(groups[i]!, i);
    const divider = out.length ? 1 : 0;
    const room = budget - out.length - divider - (i < groups.length - 1 ? 1 : 0);
    if (blocks.length > room) {
      if (out.length) {
        const left = groups.length - i;
        out.push({ type: 'context', elements: [mrkdwn(`… og ${left} mere, der ikke er plads til her. Luk de briefs, der er på plads, så kommer resten frem.`)] });
        break;
      }
      const actions = blocks.filter((b) => b.type === 'actions');
      blocks = [...blocks.filter((b) => b.type !== 'actions').slice(0, Math.max(room - actions.length - 1, 1)), { type: 'context', elements: [mrkdwn('… (forkortet)')] }, ...actions];
    }
    if (divider) out.push({ type: 'divider' });
    out.push(...blocks);
  }
  return out;
}

function inputElement(field: FormField): types.InputBlockElement {
  switch (field.kind) {
    case 'date':
      return { type: 'datepicker', action_id: INPUT_ACTION, ...(typeof field.value === 'string' && field.value ? { initial_date: field.value } : {}) };
    case 'people': {
      const initial = (Array.isArray(field.value) ? field.value : []).filter((id) => /^[UW][A-Z0-9]{2,}$/.test(id));
      return { type: 'multi_users_select', action_id: INPUT_ACTION, placeholder: plain('Vælg personer'), ...(initial.length ? { initial_users: initial } : {}) };
    }
    case 'choice': {
      const options = (field.options ?? []).slice(0, MAX_SELECT_OPTIONS).map((o) => ({ text: plain(shorten(o.label, MAX_OPTION_TEXT)), value: o.value.slice(0, 150) }));
      const initial = options.find((o) => o.value === field.value);
      return { type: 'static_select', action_id: INPUT_ACTION, placeholder: plain('Vælg'), options, ...(initial ? { initial_option: initial } : {}) };
    }
    default: {
      const max = Math.min(field.maxLength ?? MAX_TEXT_INPUT, MAX_TEXT_INPUT);
      const value = typeof field.value === 'string' ? field.value.slice(0, max) : '';
      return { type: 'plain_text_input', action_id: INPUT_ACTION, multiline: field.kind === 'longtext', max_length: max, ...(value ? { initial_value: value } : {}) };
    }
  }
}

/** The form as a modal. */
export function formModal(form: FormSpec): types.ModalView {
  const blocks: KnownBlock[] = [...sections(escapeMrkdwn(form.explanation))];
  if (form.remarks?.statements.length) {
    blocks.push({ type: 'actions', block_id: 'ledelse_form_help', elements: [{ type: 'button', text: plain('Se gruppernes bemærkninger'), action_id: REMARKS_ACTION, value: form.form }] });
  }
  if (form.context?.length) {
    blocks.push({ type: 'divider' });
    for (const d of form.context) blocks.push(...detailBlocks(d));
    blocks.push({ type: 'divider' });
  }
  for (const field of form.fields) {
    const input: types.InputBlock = {
      type: 'input',
      block_id: field.id,
      label: plain(shorten(field.label, MAX_INPUT_LABEL)),
      element: inputElement(field),
      optional: !field.required,
    };
    if (field.hint) input.hint = plain(shorten(field.hint, MAX_INPUT_LABEL));
    blocks.push(input);
  }
  const metadata: FormMetadata = { f: form.form, ...(form.ref ? { r: form.ref } : {}) };
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK,
    title: plain(shorten(form.title, MAX_MODAL_TITLE)),
    submit: plain(shorten(form.submitLabel, MAX_MODAL_TITLE)),
    close: plain('Annullér'),
    private_metadata: JSON.stringify(metadata).slice(0, MAX_PRIVATE_METADATA),
    blocks: blocks.slice(0, MAX_MODAL_BLOCKS),
  };
}

/** The groups' remarks, pushed on top of the form (the form stays underneath, as filled in). */
export function remarksModal(form: FormSpec, statementBlocks: (s: NonNullable<FormSpec['remarks']>['statements'][number]) => KnownBlock[]): types.ModalView {
  const remarks = form.remarks!;
  const blocks: KnownBlock[] = [...sections(`*${escapeMrkdwn(remarks.title)}*`)];
  for (const s of remarks.statements) blocks.push(...statementBlocks(s));
  blocks.push({ type: 'context', elements: [mrkdwn(`Kilde: ${escapeMrkdwn(remarks.statements[0]?.sourceLabel ?? '')}. Tryk »Tilbage« for at komme tilbage til formularen.`)] });
  return { type: 'modal', title: plain('Gruppernes bemærkninger'), close: plain('Tilbage'), blocks: blocks.slice(0, MAX_MODAL_BLOCKS) };
}

/** A reply shown in place of a form (the brief was closed meanwhile): the same modal, now a notice. */
export function noticeModal(reply: Reply): types.ModalView {
  const blocks: KnownBlock[] = [];
  if (reply.intro) blocks.push(...sections(escapeMrkdwn(reply.intro)));
  blocks.push(...groupsBlocks(reply, MAX_MODAL_BLOCKS - blocks.length));
  return { type: 'modal', title: plain(shorten(reply.title, MAX_MODAL_TITLE)), close: plain('Luk'), blocks };
}

/** The values of a submitted modal, by field id: text, a day, a list of user ids, an option. */
export function submittedValues(state: { values?: Record<string, Record<string, unknown>> } | undefined): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [blockId, actions] of Object.entries(state?.values ?? {})) {
    const v = actions[INPUT_ACTION] as
      | { type?: string; value?: string | null; selected_date?: string | null; selected_users?: string[]; selected_option?: { value?: string } | null }
      | undefined;
    if (!v) continue;
    if (v.type === 'multi_users_select') out[blockId] = Array.isArray(v.selected_users) ? v.selected_users.map(String) : [];
    else if (v.type === 'datepicker') out[blockId] = v.selected_date ?? '';
    else if (v.type === 'static_select') out[blockId] = v.selected_option?.value ?? '';
    else out[blockId] = typeof v.value === 'string' ? v.value : '';
  }
  return out;
}

export function decodeMetadata(raw: string | undefined): FormMetadata | undefined {
  try {
    const m = JSON.parse(raw ?? '') as Partial<FormMetadata>;
    if (m.f !== 'brief' && m.f !== 'backbrief') return undefined;
    return { f: m.f, ...(typeof m.r === 'string' && /^[A-Za-z0-9_-]{1,40}$/.test(m.r) ? { r: m.r } : {}) };
  } catch {
    return undefined;
  }
}

/** The form a reply asks to show, if any. */
export function formOf(reply: Reply): FormSpec | undefined {
  const a = reply.actions.find((x) => x.type === 'form');
  return a?.type === 'form' ? a.form : undefined;
}
