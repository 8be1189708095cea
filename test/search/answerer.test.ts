// The answer layers as a leader meets them: questions outside the domain get the honest
// no-match whatever words they share with the statements; situations described in a leader's
// own words reach the statements that help; and the model behind it is the same every time.
import { describe, expect, it } from 'vitest';
import { loadKnowledgeIndex } from '../../src/search/knowledge-index.ts';
import { LinearModel } from '../../src/search/linear-model.ts';
import { SituationMatcher } from '../../src/search/matcher.ts';

const index = loadKnowledgeIndex();
const ask = (q: string) => index.answerer.answer(q, { top: 3 });
const ids = (q: string) => ask(q).hits.map((h) => h.statement.id);

describe('the off-topic guard', () => {
  // None of these is in data/offtopic.json; each shares words with the statements.
  it.each([
    'Kan du hjælpe mig med at flette to kolonner i Excel?',
    'Hvad koster det at leje festsalen på rådhuset til en reception?',
    'Skriv et lille digt til min kollegas 50-års fødselsdag',
    'Hvordan lægger jeg et budget for vores sommerudflugt med personalet?',
    'Hvor mange feriedage har en nyansat medarbejder ret til?',
  ])('answers "%s" with no match', (question) => {
    const r = ask(question);
    expect(r.answered).toBe(false);
    expect(r.hits).toEqual([]);
  });

  it('lets a question the statements cover word for word through', () => {
    const r = ask('Hvordan bruger jeg MED-udvalgene aktivt?');
    expect(r.confidence).toBe('high');
    expect(r.hits[0]!.statement.text).toContain('MED-udvalgene aktivt');
  });
});

describe('a question in another language', () => {
  it.each([
    'How do I tell my staff about the budget cuts?',
    'What should I avoid when talking to the press?',
    'How can I support my team during the savings?',
    'Wie sage ich es meinen Mitarbeitern?',
  ])('answers "%s" with no match: the statements are Danish', (question) => {
    expect(ask(question).answered).toBe(false);
  });

  it.each([
    'Hvad gør jeg med TR og AMR i MED når der skal spares?',
    'hvordan haandterer jeg at medarbjederne er sure over nedskaeringerne',
    'teamet er stresset over sparerunden',
  ])('still answers the Danish "%s", abbreviations, typos and loanwords included', (question) => {
    expect(ask(question).answered).toBe(true);
  });
});

describe('situations in a leader’s own words', () => {
  it('a user council going to the mayor reaches the outward advice on boards and councils', () => {
    const r = ask('Brugerrådet på aktivitetscentret vil klage direkte til borgmesteren — hvad gør jeg?');
    expect(r.answered).toBe(true);
    expect(r.situations[0]).toBe('bestyrelser-raad');
    expect(r.hits.every((h) => h.statement.direction === 'udad')).toBe(true);
  });

  it('a leader who cannot sleep gets the statements about the leader’s own feelings and support', () => {
    const r = ask('Jeg kan ikke sove om natten over de her nedskæringer. Hvordan passer jeg på mig selv?');
    expect(r.answered).toBe(true);
    expect(r.situations[0]).toBe('egne-foelelser');
    const texts = r.hits.map((h) => h.statement.text).join(' ');
    expect(texts).toMatch(/lederens frustrationer|bevare sig selv og lede sig selv/);
  });

  it('a journalist calling reaches the outward advice, with a typo and no æøå', () => {
    const r = ask('journalisten fra lokalavisen ringer om lukningen af vuggestuen hvad maa jeg sige');
    expect(r.answered).toBe(true);
    expect(r.situations).toContain('pressen-ringer');
    expect(r.hits.some((h) => h.statement.direction === 'udad')).toBe(true);
  });

  it('is "low" — the nearest, said plainly — when the situation is clear but no statement says it', () => {
    const r = ask('Jeg kan ikke sove om natten over de her nedskæringer. Hvordan passer jeg på mig selv?');
    // The statements never mention sleep: the words cover little of the question.
    expect(r.coverage).toBeLessThan(0.3);
    expect(r.confidence).toBe('low');
  });

  it('respects the direction and kind filters', () => {
    const r = index.answerer.answer('Forældrene er vrede over nedskæringerne i børnehaven', { top: 5, direction: 'udad', kind: 'dont' });
    expect(r.candidates.length).toBeGreaterThan(0);
    for (const h of r.candidates) expect([h.statement.direction, h.statement.kind]).toEqual(['udad', 'dont']);
  });

  it('never answers a greeting', () => {
    expect(ids('Hej Ledelsesbot, hvordan har du det?')).toEqual([]);
  });
});

describe('the learned matcher', () => {
  it('is deterministic: the same data trains the same model', () => {
    const data = { situations: index.situations.slice(0, 4), offTopic: [], statements: [] };
    const a = SituationMatcher.train({ ...data, offTopic: [{ category: 'it' as const, question: 'Hvordan nulstiller jeg min adgangskode?' }] }, index.engine.analyzer);
    const b = SituationMatcher.train({ ...data, offTopic: [{ category: 'it' as const, question: 'Hvordan nulstiller jeg min adgangskode?' }] }, index.engine.analyzer);
    expect(JSON.stringify(a.snapshot())).toBe(JSON.stringify(b.snapshot()));
  });

  it('a restored snapshot classifies exactly like the trained model', () => {
    const restored = SituationMatcher.restore(index.matcher.snapshot(), index.engine.analyzer);
    const q = 'Mine pædagoger er sure over at vi skal spare to stillinger væk';
    expect(restored.classify(q)).toEqual(index.matcher.classify(q));
  });

  it('a linear model learns a separable problem', () => {
    const x = (id: number) => ({ ids: Int32Array.of(id), values: Float32Array.of(1) });
    const model = LinearModel.train([x(0), x(1), x(0), x(1)], [0, 1, 0, 1], 2, 2);
    expect(model.predict(x(0))[0]).toBeGreaterThan(0.9);
    expect(model.predict(x(1))[1]).toBeGreaterThan(0.9);
  });
});
