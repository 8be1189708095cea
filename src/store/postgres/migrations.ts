// Versioned schema migrations, applied in order at start-up by whichever instance gets the
// migration lock first (the others wait, then find nothing to do). A migration is never edited
// once released: a change is a new, higher version. Keep them additive, so an instance of the
// previous release keeps working during a rolling deploy.

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial state: feedback, questions, events, question channels, addresses, records, tips',
    sql: `
      CREATE TABLE settings (
        key   text PRIMARY KEY,
        value text NOT NULL
      );

      -- Feedback and questions: a salted hash of the question, never its text; no user ids.
      CREATE TABLE feedback (
        id            bigserial PRIMARY KEY,
        day           text NOT NULL CHECK (day ~ '^\\d{4}-\\d{2}-\\d{2}$'),
        question_hash text NOT NULL,
        statement_ids text[] NOT NULL,
        vote          text NOT NULL CHECK (vote IN ('up', 'down')),
        platform      text NOT NULL
      );
      CREATE INDEX feedback_day ON feedback (day);

      CREATE TABLE questions (
        id            bigserial PRIMARY KEY,
        day           text NOT NULL CHECK (day ~ '^\\d{4}-\\d{2}-\\d{2}$'),
        question_hash text NOT NULL,
        answered      boolean NOT NULL,
        platform      text NOT NULL
      );
      CREATE INDEX questions_day ON questions (day);

      -- One row per event id: INSERT … ON CONFLICT decides which instance answers.
      CREATE TABLE seen_events (
        event_id text PRIMARY KEY,
        seen_at  bigint NOT NULL
      );
      CREATE INDEX seen_events_seen_at ON seen_events (seen_at);

      CREATE TABLE question_channels (
        key      text PRIMARY KEY,
        added_at timestamptz NOT NULL DEFAULT now()
      );

      -- Where a front end can post into a conversation later; opaque, owned by the front end.
      CREATE TABLE addresses (
        platform     text NOT NULL,
        conversation text NOT NULL,
        value        jsonb NOT NULL,
        updated_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (platform, conversation)
      );

      -- Other opaque records by namespace (the store's own bookkeeping, later features).
      CREATE TABLE records (
        namespace  text NOT NULL,
        key        text NOT NULL,
        value      jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (namespace, key)
      );

      CREATE TABLE tip_subscriptions (
        key   text PRIMARY KEY,
        value jsonb NOT NULL
      );
      CREATE TABLE tip_rotations (
        key   text PRIMARY KEY,
        value jsonb NOT NULL
      );
      -- The exactly-once claim: one row per (channel, day), inserted before anything is posted.
      CREATE TABLE tip_claims (
        key   text NOT NULL,
        day   text NOT NULL CHECK (day ~ '^\\d{4}-\\d{2}-\\d{2}$'),
        value jsonb NOT NULL,
        PRIMARY KEY (key, day)
      );
    `,
  },
];

/** Advisory lock keys (any fixed bigint; named here so they never collide). */
export const LOCKS = {
  migrate: 7_340_001,
  tips: 7_340_002,
} as const;
