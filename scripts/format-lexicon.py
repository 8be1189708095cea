# Keeps data/lexicon.json readable in review: one concept per line.
import json, sys
p = sys.argv[1] if len(sys.argv) > 1 else 'data/lexicon.json'
d = json.load(open(p))
out = ['{']
for k in ['defaultWeight', 'noSplit', 'words']:
    out.append(f'  "{k}": {json.dumps(d[k], ensure_ascii=False)},')
out.append('  "concepts": [')
lines = ['    ' + json.dumps(c, ensure_ascii=False) for c in d['concepts']]
out.append(',\n'.join(lines))
out.append('  ]')
out.append('}')
open(p, 'w').write('\n'.join(out) + '\n')
