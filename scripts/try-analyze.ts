import { DanishAnalyzer } from '../src/search/analyzer.ts';
import { loadLexicon } from '../src/knowledge/load.ts';
const t0 = performance.now();
const a = new DanishAnalyzer({ lexicon: loadLexicon() });
console.log('build ms', (performance.now()-t0).toFixed(1));
for (const q of process.argv.slice(2)) console.log(q, [...a.analyze(q)].map(([k,v])=>`${k}:${v.toFixed(2)}`).join(' '));
