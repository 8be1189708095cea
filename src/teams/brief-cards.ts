// Forms, detail groups and request buttons of a Reply (brief and backbrief) as Adaptive Cards:
// a form becomes a card with inputs and Action.Submit; the groups' remarks sit behind an
// Action.ShowCard (one click, no round trip); a request button is an Action.Submit whose data
// the message handler hands back to the core. All text is plain (TextRun), never Markdown.

import type { IAdaptiveCard } from '@microsoft/teams.cards';
import type { FormField, FormSpec, Reply, ReplyAction, ReplyDetail, ReplyDetailGroup } from '../bot/reply.ts';
import type { ActionRequest } from '../bot/actions.ts';

/** Teams' input limits are generous; a text input keeps to the core's own limit. */
export const MAX_CHOICES = 100;

/** A person's display name by platform id (kept in memory only), or undefined. */
export type NameOf = (id: string) => string | undefined;

/** Data on a request button. */
export interface RequestData {
  action: 'request';
  request: ActionRequest;
}

/** Data on a form's submit button; Teams adds the inputs' values next to it. */
export interface SubmitData {
  action: 'submit';
  form: FormSpec['form'];
  ref?: string;
}

type Element = Record<string, unknown>;

function run(text: string, style: Record<string, unknown> = {}): Element {
  return { type: 'TextRun', text, ...style };
}

function rich(inlines: Element[], block: Record<string, unknown> = {}): Element {
  return { type: 'RichTextBlock', inlines, ...block };
}

export function names(ids: readonly string[], nameOf: NameOf | undefined): string {
  return ids.map((id) => nameOf?.(id) ?? 'en kollega').join(', ');
}

export function detailElement(d: ReplyDetail, nameOf?: NameOf): Element {
  if (d.note) return rich([run(`💡 ${d.text ?? ''}`, { isSubtle: true })], { spacing: 'Small' });
  const who = d.people?.length ? ` ${names(d.people, nameOf)}` : '';
  const inlines = [run(`${d.label}:`, { weight: 'Bolder' }), run(who)];
  if (d.text) inlines.push(run(d.text.length > 60 || d.text.includes('\n') ? `\n${d.text}` : ` ${d.text}`));
  return rich(inlines, { spacing: 'Small' });
}

export function requestAction(a: Extract<ReplyAction, { type: 'button' }>): Element {
  const data: RequestData = { action: 'request', request: a.request };
  return { type: 'Action.Submit', title: a.label, data, ...(a.style === 'primary' ? { style: 'positive' } : a.style === 'danger' ? { style: 'destructive' } : {}) };
}

function groupElement(group: ReplyDetailGroup, nameOf?: NameOf): Element {
  const items: Element[] = [];
  if (group.title) items.push(rich([run(group.title, { weight: 'Bolder', size: 'Medium' })]));
  for (const d of group.details) items.push(detailElement(d, nameOf));
  const actions = (group.actions ?? []).filter((a): a is Extract<ReplyAction, { type: 'button' }> => a.type === 'button').map(requestAction);
  if (actions.length) items.push({ type: 'ActionSet', actions });
  return { type: 'Container', separator: true, spacing: 'Medium', items };
}

/** The reply's groups as containers, for the card body. */
export function groupElements(reply: Reply, nameOf?: NameOf): Element[] {
  return (reply.groups ?? []).map((g) => groupElement(g, nameOf));
}

/** The reply's own request buttons (card actions). */
export function replyRequestActions(reply: Reply): Element[] {
  return reply.actions.filter((a): a is Extract<ReplyAction, { type: 'button' }> => a.type === 'button').map(requestAction);
}

function fieldElements(field: FormField): Element[] {
  const label = rich([run(field.label, { weight: 'Bolder' })], { spacing: 'Medium' });
  const out: Element[] = [label];
  if (field.hint) out.push(rich([run(field.hint, { isSubtle: true, size: 'Small' })], { spacing: 'None' }));
  const value = Array.isArray(field.value) ? field.value.join(',') : (field.value ?? '');
  switch (field.kind) {
    case 'date':
      out.push({ type: 'Input.Date', id: field.id, ...(value ? { value } : {}) });
      break;
    case 'choice':
      out.push({
        type: 'Input.ChoiceSet',
        id: field.id,
        style: 'compact',
        placeholder: 'Vælg',
        choices: (field.options ?? []).slice(0, MAX_CHOICES).map((o) => ({ title: o.label, value: o.value })),
        ...(value ? { value } : {}),
      });
      break;
    case 'people':
      if (field.options?.length) {
        const chosen = value || field.options.map((o) => o.value).join(',');
        out.push({
          type: 'Input.ChoiceSet',
          id: field.id,
          isMultiSelect: true,
          style: 'expanded',
          choices: field.options.slice(0, MAX_CHOICES).map((o) => ({ title: o.label, value: o.value })),
          value: chosen,
        });
      } else {
        out.push(
          rich([run('Nævn modtagerne, når du skriver »brief« i en gruppechat eller kanal, fx »@Ledelsesbot brief @Anna @Bo«. Så står de her.')], {
            spacing: 'Small',
          }),
        );
      }
      break;
    default:
      out.push({ type: 'Input.Text', id: field.id, isMultiline: field.kind === 'longtext', ...(field.maxLength ? { maxLength: field.maxLength } : {}), ...(value ? { value } : {}) });
  }
  if (field.error) out.push(rich([run(field.error, { color: 'Attention' })], { spacing: 'Small' }));
  return out;
}

/** A form as one card: the explanation, what it answers, the fields, submit and the remarks. */
export function formCard(form: FormSpec, nameOf?: NameOf): IAdaptiveCard {
  const body: Element[] = [rich([run(form.title, { weight: 'Bolder', size: 'Large' })]), rich([run(form.explanation)], { spacing: 'Small' })];
  if (form.context?.length) body.push({ type: 'Container', separator: true, spacing: 'Medium', items: form.context.map((d) => detailElement(d, nameOf)) });
  for (const f of form.fields) body.push(...fieldElements(f));
  const submit: SubmitData = { action: 'submit', form: form.form, ...(form.ref ? { ref: form.ref } : {}) };
  const actions: Element[] = [{ type: 'Action.Submit', title: form.submitLabel, data: submit, style: 'positive' }];
  if (form.remarks?.statements.length) {
    actions.push({
      type: 'Action.ShowCard',
      title: 'Se gruppernes bemærkninger',
      card: {
        type: 'AdaptiveCard',
        body: [
          rich([run(form.remarks.title, { weight: 'Bolder' })]),
          ...form.remarks.statements.map((s) => rich([run(`• ${s.text}`), run(` (${s.groupsLabel})`, { isSubtle: true })], { spacing: 'Small' })),
          rich([run(`Kilde: ${form.remarks.statements[0]!.sourceLabel}`, { isSubtle: true, size: 'Small' })]),
        ],
      },
    });
  }
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    msteams: { width: 'full' },
    fallbackText: form.title,
    body,
    actions,
  } as unknown as IAdaptiveCard;
}

/** The form a reply asks to show, if any. */
export function formOf(reply: Reply): FormSpec | undefined {
  const a = reply.actions.find((x) => x.type === 'form');
  return a?.type === 'form' ? a.form : undefined;
}

/** A submitted form's values by field id, from an Action.Submit's value (people as lists). */
export function submittedValues(value: Record<string, unknown>, peopleFields: readonly string[] = ['recipients']): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'action' || k === 'form' || k === 'ref' || typeof v !== 'string') continue;
    out[k] = peopleFields.includes(k) ? v.split(',').map((s) => s.trim()).filter(Boolean) : v;
  }
  return out;
}
