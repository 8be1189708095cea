// npm run train — learns the situations and the off-topic guard from data/, stores the model
// in the start-up cache (as `npm ci` and the first start also do), and reports how well each
// model generalises: 5-fold cross-validation over the example questions people wrote.

import { loadKnowledge, loadLexicon, loadOffTopic, loadSituations, DEFAULT_DATA_DIR } from '../src/knowledge/load.ts';
import type { OffTopicExample, Situation } from '../src/knowledge/schema.ts';
import { buildEngine, loadKnowledgeIndex } from '../src/search/knowledge-index.ts';
import { SituationMatcher } from '../src/search/matcher.ts';

const dataDir = process.env.DATA_DIR || DEFAULT_DATA_DIR;
const started = performance.now();
const index = loadKnowledgeIndex(dataDir);
console.log(`Model klar (fra cache eller trænet nu) på ${((performance.now() - started) / 1000).toFixed(1)} s.`);

const kb = loadKnowledge(dataDir);
const situations = loadSituations(dataDir, kb);
const offTopic = loadOffTopic(dataDir);
const lexicon = loadLexicon(dataDir);
const FOLDS = 5;
let sitRight = 0, sitTotal = 0, inRight = 0, inTotal = 0, outRight = 0, outTotal = 0;
let trainMs = 0;
for (let fold = 0; fold < FOLDS; fold++) {
  const held = (i: number) => i % FOLDS === fold;
  const trainSituations: Situation[] = situations.map((s) => ({
    ...s,
    examples: s.examples.filter((_, i) => !held(i)),
    exampleHelps: s.exampleHelps.filter((_, i) => !held(i)),
    exampleBest: s.exampleBest.filter((_, i) => !held(i)),
  }));
  const trainOff: OffTopicExample[] = offTopic.filter((_, i) => !held(i));
  // The spelling corrector learns its words from the training part only, like the models.
  const domain = { situations: trainSituations, offTopic: trainOff.map((e) => e.question) };
  const analyzer = buildEngine(kb.statements, lexicon, undefined, domain).analyzer;
  const t = performance.now();
  const matcher = SituationMatcher.train({ situations: trainSituations, offTopic: trainOff, statements: kb.statements }, analyzer);
  trainMs += performance.now() - t;
  for (const s of situations) {
    s.examples.forEach((q, i) => {
      if (!held(i)) return;
      const c = matcher.classify(q);
      sitTotal++;
      if (c.situations[0]?.id === s.id) sitRight++;
      inTotal++;
      if (c.inDomain >= index.answerer.policy.minInDomain) inRight++;
    });
  }
  offTopic.forEach((e, i) => {
    if (!held(i)) return;
    outTotal++;
    if (matcher.classify(e.question).inDomain < index.answerer.policy.minInDomain) outRight++;
  });
}
const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)} %`;
console.log(`Krydsvalidering (${FOLDS} dele, ${sitTotal} eksempler, ${outTotal} uden for emnet; træning ${(trainMs / FOLDS / 1000).toFixed(1)} s pr. del):`);
console.log(`  situation rigtig som nr. 1:      ${pct(sitRight, sitTotal)}`);
console.log(`  eksempler i emnet lukket ind:    ${pct(inRight, inTotal)}`);
console.log(`  spørgsmål uden for emnet afvist: ${pct(outRight, outTotal)}`);
