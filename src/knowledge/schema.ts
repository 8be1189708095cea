import { z } from 'zod';
import { DIRECTIONS, KINDS } from './directions.ts';

// Validation messages are read by the people who edit the data: Danish.
z.config(z.locales.da());

export const SourceSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'id må kun indeholde a-z, 0-9 og bindestreg'),
  title: z.string().min(1),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dato skal skrives ÅÅÅÅ-MM-DD'),
  file: z.string().min(1).optional(),
});

export const StatementSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'id må kun indeholde a-z, 0-9 og bindestreg'),
  text: z.string().trim().min(3, 'teksten er tom eller for kort'),
  direction: z.enum(DIRECTIONS),
  kind: z.enum(KINDS),
  groups: z.array(z.number().int().min(1).max(99)).min(1, 'mindst én gruppe'),
  source: z.string().min(1),
  /** The sub-heading the statement stands under in the source, e.g. "Hvad kunne vi ønske os oppefra". */
  topic: z.string().min(1).optional(),
  /**
   * Words and short phrases leaders would use for the situation the statement addresses,
   * written by editors; searched with a lower weight than the text, never shown.
   */
  keywords: z.array(z.string().trim().min(2)).optional(),
});

export const KnowledgeFileSchema = z.strictObject({
  sources: z.array(SourceSchema).min(1),
  statements: z.array(StatementSchema).min(1),
});

export type Source = z.infer<typeof SourceSchema>;
export type Statement = z.infer<typeof StatementSchema>;
export type KnowledgeFile = z.infer<typeof KnowledgeFileSchema>;

const Weight = z.number().positive().max(1);

/** One concept: words that mean the same or belong together as leaders speak. */
export const LexiconEntrySchema = z.strictObject({
  /** Words or phrases, written as people write them; the first is the concept's name. */
  terms: z.array(z.string().trim().min(1)).min(2, 'et begreb skal have mindst to ord'),
  /** How strongly a match on a related term counts, relative to an exact match (1). */
  weight: Weight.optional(),
  note: z.string().optional(),
});

export const LexiconFileSchema = z.strictObject({
  /** Default weight for related terms when an entry has none. */
  defaultWeight: Weight,
  /** Words the compound splitter must never split or use as a part. */
  noSplit: z.array(z.string().trim().min(1)).default([]),
  /** Extra words for the compound splitter, beyond the dictionary and the corpus. */
  words: z.array(z.string().trim().min(1)).default([]),
  concepts: z.array(LexiconEntrySchema),
});

export type Lexicon = z.infer<typeof LexiconFileSchema>;

const Id = z.string().regex(/^[a-z0-9-]+$/, 'id må kun indeholde a-z, 0-9 og bindestreg');

/** The least number of example questions a situation needs for the matcher to learn it. */
export const MIN_SITUATION_EXAMPLES = 15;

const ExampleText = z.string().trim().min(3, 'eksemplet er tomt eller for kort');

const HelpIds = (field: string) =>
  z
    .array(Id, { error: (iss) => (iss.code === 'invalid_type' ? `skal være en liste af udsagns-id'er, fx ["udad-17"]` : undefined) })
    .superRefine((ids, ctx) => {
      if (ids.length === 0) ctx.addIssue({ code: 'custom', message: `mindst ét udsagn, eller udelad feltet "${field}"` });
      if (ids.length > 3) ctx.addIssue({ code: 'custom', message: 'højst tre udsagn' });
    })
    .optional();

/**
 * An example question, either as plain text or with what helps the asker most, the most
 * helpful first, chosen by readers from the question's meaning: `helps`, one to three of its
 * situation's statements; `best`, the three of all statements (a second reading, which may
 * cross situations and directions). The matcher learns from them which statements to lift.
 */
export const SituationExampleSchema = z.preprocess(
  (v) => (typeof v === 'string' ? { text: v } : v),
  z.strictObject(
    {
      text: ExampleText,
      helps: HelpIds('helps'),
      best: HelpIds('best'),
    },
    { error: (iss) => (iss.code === 'invalid_type' ? 'et eksempel er en tekst eller {"text": "…", "helps": ["…"], "best": ["…"]}' : undefined) },
  ),
);

/**
 * A situation a leader meets in a budget and savings process, the statements that help in
 * it, and questions leaders would ask about it in their own words (written before anyone
 * looked up the statements). The learned matcher is trained on the examples.
 */
export const SituationSchema = z.strictObject({
  id: Id,
  title: z.string().trim().min(3, 'titlen er tom eller for kort'),
  description: z.string().trim().min(10, 'beskrivelsen er tom eller for kort'),
  /** Statement ids, the most helpful first. */
  statements: z.array(Id).min(1, 'mindst ét udsagn'),
  examples: z.array(SituationExampleSchema).min(MIN_SITUATION_EXAMPLES, `mindst ${MIN_SITUATION_EXAMPLES} eksempler på spørgsmål`),
});

export const SituationsFileSchema = z.strictObject({
  situations: z.array(SituationSchema).min(1),
});

/**
 * More questions with what helps their asker (`data/helps.json`): the bot learns from them which
 * statement to show first, not which situation a question is (their situations' models learned
 * nothing from them). `situation` is the one the writer had in mind; `helps` are from its list.
 */
export const HelpExamplesFileSchema = z.strictObject({
  examples: z.array(
    z.strictObject({
      text: ExampleText,
      situation: Id,
      helps: HelpIds('helps'),
      best: HelpIds('best'),
    }),
  ),
});

export type HelpExample = { text: string; situation: string; helps: string[]; best: string[] };

export const OFF_TOPIC_CATEGORIES = ['it', 'hr-procedure', 'municipality-facts', 'smalltalk', 'general', 'leadership-other', 'hard-negative'] as const;

/** Questions a workplace bot also gets that the statements do not answer: the guard learns from them. */
export const OffTopicFileSchema = z.strictObject({
  examples: z.array(
    z.strictObject({
      category: z.enum(OFF_TOPIC_CATEGORIES),
      question: z.string().trim().min(2, 'spørgsmålet er tomt'),
    }),
  ).min(1),
});

/** A situation as the program uses it: the examples' texts, and beside them what helps in each. */
export type Situation = Omit<z.infer<typeof SituationSchema>, 'examples'> & {
  examples: string[];
  /** Per example (same index): the statements of the situation that help most, the most helpful first; empty when not given. */
  exampleHelps: string[][];
  /** Per example (same index): the statements of all that help most (`best`), the most helpful first; empty when not given. */
  exampleBest: string[][];
};
export type OffTopicExample = z.infer<typeof OffTopicFileSchema>['examples'][number];
