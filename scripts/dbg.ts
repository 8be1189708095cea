import { loadKnowledgeIndex } from '../src/search/knowledge-index.ts';
const i = loadKnowledgeIndex();
const q = process.argv[2]!;
const words = i.engine.analyzer.words(q);
console.log(JSON.stringify(words));
for (const w of words) console.log(w.stem, i.engine.idf(w.stem).toFixed(2), i.engine.has(w.stem), i.engine.relatedStems(w.stem));
