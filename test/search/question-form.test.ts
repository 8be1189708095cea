import { describe, expect, it } from 'vitest';
import { readQuestion } from '../../src/search/question-form.ts';

const questionForm = (q: string) => readQuestion(q).form;
const asksForDonts = (q: string) => readQuestion(q).donts;
import { loadKnowledgeIndex } from '../../src/search/knowledge-index.ts';

describe('the form of a question', () => {
  it('recognises questions about how to act, also with æ, ø and å at word ends', () => {
    for (const q of ['Må jeg sige det til personalet?', 'Hvad bør jeg gøre nu?', 'Hvordan håndterer jeg rygter?', 'Skal vi vente?']) {
      expect(questionForm(q), q).toBe('advice');
    }
  });

  it('recognises questions after facts, and chat', () => {
    expect(questionForm('Hvornår er budgetmødet i udvalget?')).toBe('fact');
    expect(questionForm('Hvor mange feriedage har jeg tilbage?')).toBe('fact');
    expect(questionForm('Tak for et godt møde alle sammen')).toBe('social');
    expect(questionForm('Hej bot, hvordan går det?')).toBe('social');
    expect(questionForm('Hej, hvordan fortæller jeg om besparelserne?')).not.toBe('social');
  });

  it('knows when a question asks what to avoid', () => {
    expect(asksForDonts('Hvad skal jeg undgå, når jeg melder besparelserne ud?')).toBe(true);
    expect(asksForDonts('Hvad må jeg ikke sige til borgerne?')).toBe(true);
    expect(asksForDonts('Hvilke faldgruber er der?')).toBe(true);
    expect(asksForDonts('Hvad skal jeg gøre, når jeg melder besparelserne ud?')).toBe(false);
  });

  it('never answers thanks or greetings, however many words they share with the statements', () => {
    const { engine } = loadKnowledgeIndex();
    expect(engine.search('Tak for et godt møde alle sammen').answered).toBe(false);
    expect(engine.search('Tusind tak for hjælpen med budgetprocessen!').answered).toBe(false);
  });

  it('prefers the groups\' don\'ts when the question asks what to avoid', () => {
    const { engine } = loadKnowledgeIndex();
    const hits = engine.search('Hvad skal jeg undgå over for mine medarbejdere, når vi skal spare?', { top: 3 }).hits;
    expect(hits.filter((h) => h.statement.kind === 'dont').length).toBeGreaterThanOrEqual(2);
  });
});

describe('the people a question names', () => {
  it('leans towards the direction whose people the question names, and only when just one is named', () => {
    const audienceOf = (q: string) => readQuestion(q).direction;
    expect(audienceOf('Hvordan fortæller jeg mine medarbejdere det?')).toBe('nedad');
    expect(audienceOf('Hvad siger jeg til byrådet?')).toBe('opad');
    expect(audienceOf('Forældrene er vrede. Hvad gør jeg?')).toBe('udad');
    expect(audienceOf('Hvordan samarbejder jeg med lederkollegerne?')).toBe('til siden');
    expect(audienceOf('Hvordan forklarer jeg chefen, hvad medarbejderne mener?')).toBeUndefined();
  });
});

describe('short questions', () => {
  it('does not answer a short question whose other word the statements know in no form', () => {
    const { engine } = loadKnowledgeIndex();
    // "lokale" and "søge" occur in the statements ("den lokale budgetproces", "søge synergier").
    expect(engine.search('Hvordan booker jeg et lokale?').answered).toBe(false);
    expect(engine.search('Hvordan søger jeg om orlov?').answered).toBe(false);
    // …while short questions made of words the statements know are answered.
    expect(engine.search('Hvordan håndterer jeg rygter?').answered).toBe(true);
    expect(engine.search('Hvad er Bungays model?').answered).toBe(true);
  });
});
