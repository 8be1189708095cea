// "Spørg HR" on Adaptive Cards: the quoted question and its facts, the HR buttons, and forms as
// card inputs with a submit button. Text from people is written as TextRuns (plain text, never
// Markdown), like every other user text on the cards.

import type { CardElementArray, IRichTextBlock, ISubmitAction, ITextInput, IChoiceSetInput } from '@microsoft/teams.cards';
import type { HrFormField, Reply, ReplyForm } from '../bot/reply.ts';

/** Data on an HR button or form (Action.Submit: Teams adds the inputs' values beside it). */
export type HrCardData =
  | { action: 'hr-offer'; question: string; nearest: string[] }
  | { action: 'hr-dismiss'; questionId: string }
  | { action: 'hr-remove'; answerId: string }
  | ({ action: 'hr-submit'; form: ReplyForm['id'] } & Record<string, string>);

/** Longest text input Teams is given (a card stays far below its 28 KB either way). */
export const MAX_CARD_INPUT = 4000;

function text(value: string, style: Record<string, unknown> = {}, block: Partial<IRichTextBlock> = {}): IRichTextBlock {
  return { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: value, ...style }], ...block };
}

/** The quoted question and the facts, under the intro. */
export function hrHeadElements(reply: Reply): CardElementArray {
  const out: CardElementArray = [];
  if (reply.quote) {
    out.push(text(reply.type === 'hr-question' ? 'Spørgsmålet:' : 'Dit spørgsmål:', { weight: 'Bolder', size: 'Small' }, { spacing: 'Medium' }));
    out.push({ type: 'Container', style: 'emphasis', items: [text(reply.quote, { italic: true })] });
  }
  for (const f of reply.facts ?? []) out.push(text(`${f.label}: ${f.value}`, { size: 'Small' }, { spacing: 'None' }));
  return out;
}

function input(field: HrFormField): CardElementArray {
  const label = text(field.label, { weight: 'Bolder' }, { spacing: 'Medium' });
  if (field.type === 'text') {
    const el: ITextInput = {
      type: 'Input.Text',
      id: field.name,
      isMultiline: Boolean(field.multiline),
      maxLength: Math.min(field.maxLength, MAX_CARD_INPUT),
      ...(field.value ? { value: field.value } : {}),
      ...(field.required ? { isRequired: true, errorMessage: 'Udfyld feltet.' } : {}),
    };
    return [label, el, ...(field.hint ? [text(field.hint, { size: 'Small', isSubtle: true }, { spacing: 'None' })] : [])];
  }
  const el: IChoiceSetInput = {
    type: 'Input.ChoiceSet',
    id: field.name,
    style: field.options.length <= 3 ? 'expanded' : 'compact',
    value: field.value,
    choices: field.options.map((o) => ({ title: o.label, value: o.value })),
  };
  return [label, el];
}

/** A form as card inputs; its submit button carries the form's id and hidden values. */
export function formElements(form: ReplyForm): { body: CardElementArray; submit: ISubmitAction } {
  const body: CardElementArray = [text(form.title, { weight: 'Bolder', size: 'Medium' }, { spacing: 'Large', separator: true })];
  for (const f of form.fields) body.push(...input(f));
  const data = { action: 'hr-submit', form: form.id, ...form.hidden };
  return { body, submit: { type: 'Action.Submit', title: form.submitLabel, data } };
}

/** The HR buttons of a reply ("Svar" is the form itself on a card, so it is left out). */
export function hrSubmitActions(reply: Reply): ISubmitAction[] {
  const out: ISubmitAction[] = [];
  for (const a of reply.actions) {
    if (a.type === 'hr-offer') out.push({ type: 'Action.Submit', title: a.label, data: { action: 'hr-offer', question: a.question, nearest: a.nearest.slice(0, 5) } });
    else if (a.type === 'hr-dismiss') out.push({ type: 'Action.Submit', title: a.label, data: { action: 'hr-dismiss', questionId: a.questionId } });
    else if (a.type === 'hr-remove') out.push({ type: 'Action.Submit', title: a.label.slice(0, 60), data: { action: 'hr-remove', answerId: a.answerId } });
  }
  return out;
}
