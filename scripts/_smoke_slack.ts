import { Conversation } from '../src/bot/conversation.ts';
import { LiveKnowledge } from '../src/search/knowledge-index.ts';
import { renderMessage } from '../src/slack/blocks.ts';
const k = LiveKnowledge.load();
const c = new Conversation(k);
for (const t of ['opad undgå', 'hjælp', 'frokost i kantinen?']) {
  const r = await c.handle(t, { platform: 'slack', commandPrefix: '/ledelse ' });
  const m = renderMessage(r, { command: t, share: true, question: t });
  for (const b of m.blocks as any[]) console.log(b.type, '|', b.text?.text ?? b.elements?.map((e: any) => e.text?.text ?? e.text).join(' / '));
  console.log('TEXT:', m.text.slice(0, 300));
}
