import { Conversation } from '../src/bot/conversation.ts';
import { parseIntent } from '../src/bot/intent.ts';
import { LiveKnowledge } from '../src/search/knowledge-index.ts';
import { Store } from '../src/store/store.ts';
import { renderMessage } from '../src/slack/blocks.ts';
const k = LiveKnowledge.load();
const store = await Store.open(':memory:');
const c = new Conversation(k, store);
const CMDS = ['nedad','opad undgå','til siden','udad gør','bungay','tip','hjælp','Hvordan fortæller jeg mine medarbejdere om nedskæringerne?','Skal jeg holde upopulære forslag tilbage over for min chef?','Hvordan håndterer jeg vrede forældre, der klager over besparelser?'];
for (const t of CMDS) {
  const N = 300; let a = 0, b = 0;
  for (let i = 0; i < N; i++) {
    const t0 = performance.now(); const r = await c.reply(parseIntent(t), { platform: 'slack', commandPrefix: '/ledelse ' }); const t1 = performance.now();
    const m = renderMessage(r, { command: t, share: true, question: t }); JSON.stringify(m); const t2 = performance.now();
    a += t1 - t0; b += t2 - t1;
  }
  console.log(t.padEnd(40).slice(0,40), 'reply', (a/N).toFixed(3), 'render+json', (b/N).toFixed(3));
}
