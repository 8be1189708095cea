// Reading Block Kit as a person would: headers, text, buttons.

export interface Block {
  type: string;
  block_id?: string;
  text?: { type?: string; text: string };
  elements?: Array<{ type: string; text?: string | { text: string }; action_id?: string; value?: string; style?: string }>;
  fields?: Array<{ type: string; text: string }>;
}

export const header = (blocks: Block[]): string | undefined => blocks.find((b) => b.type === 'header')?.text?.text;

export const allText = (blocks: Block[]): string =>
  blocks
    .flatMap((b) => [
      b.text?.text ?? '',
      ...(b.fields ?? []).map((f) => f.text),
      ...(b.elements ?? []).map((e) => (typeof e.text === 'string' ? e.text : (e.text?.text ?? ''))),
    ])
    .filter(Boolean)
    .join('\n');

export const buttons = (blocks: Block[]) => blocks.flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []));

export const buttonLabel = (e: { text?: string | { text: string } }): string | undefined => (typeof e.text === 'string' ? e.text : e.text?.text);

export const buttonById = (blocks: Block[], actionId: string) => buttons(blocks).find((b) => b.action_id === actionId);
