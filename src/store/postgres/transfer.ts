// Moving the whole state out of and into the database (`ledelse migrate-state`): the bodies of
// PgStore.exportData and PgStore.importData.

import type pg from 'pg';
import type { ChangeTopic, Platform, StoreData, TipDocuments } from '../types.ts';
import { LOCKS } from './migrations.ts';
import { CHANNEL } from './sql.ts';

export type QueryFn = <R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]) => Promise<pg.QueryResult<R>>;

export async function exportData(
  query: QueryFn,
  salt: () => string,
  questionChannels: () => Promise<string[]>,
  readTips: () => Promise<TipDocuments>,
): Promise<StoreData> {
  const feedback = await query<{ day: string; question_hash: string; statement_ids: string[]; vote: 'up' | 'down'; platform: Platform }>(
    'SELECT day, question_hash, statement_ids, vote, platform FROM feedback ORDER BY id',
  );
  const questions = await query<{ day: string; question_hash: string; answered: boolean; platform: Platform }>(
    'SELECT day, question_hash, answered, platform FROM questions ORDER BY id',
  );
  const seen = await query<{ event_id: string; seen_at: string }>('SELECT event_id, seen_at FROM seen_events');
  const records = await query<{ namespace: string; key: string; value: unknown }>('SELECT namespace, key, value FROM records ORDER BY namespace, key');
  const grouped: StoreData['records'] = {};
  for (const r of records.rows) (grouped[r.namespace] ??= {})[r.key] = r.value;
  const addressRows = await query<{ platform: string; conversation: string; value: unknown }>(
    'SELECT platform, conversation, value FROM addresses ORDER BY platform, conversation',
  );
  const addresses: StoreData['addresses'] = {};
  for (const r of addressRows.rows) (addresses[r.platform] ??= {})[r.conversation] = r.value;
  return {
    version: 1,
    salt: salt(),
    feedback: feedback.rows.map((r) => ({ day: r.day, questionHash: r.question_hash, statementIds: r.statement_ids, vote: r.vote, platform: r.platform })),
    questions: questions.rows.map((r) => ({ day: r.day, questionHash: r.question_hash, answered: r.answered, platform: r.platform })),
    questionChannels: await questionChannels(),
    seenEvents: Object.fromEntries(seen.rows.map((r) => [r.event_id, Number(r.seen_at)])),
    tips: { version: 1, ...(await readTips()) },
    addresses,
    records: grouped,
  };
}

export async function importData(
  pool: pg.Pool,
  data: StoreData,
  payload: (topic: ChangeTopic) => string,
  setSalt: (salt: string) => void,
  committed: () => void,
): Promise<{ imported: Record<string, number> }> {
  const client = await pool.connect();
  const imported: Record<string, number> = { feedback: 0, questions: 0, questionChannels: 0, subscriptions: 0, rotations: 0, claims: 0, addresses: 0, records: 0 };
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [LOCKS.tips]);
    const { rows } = await client.query<{ n: string }>('SELECT (SELECT count(*) FROM feedback) + (SELECT count(*) FROM questions) AS n');
    // The file's salt comes along, so a question asked before and after the move hashes alike;
    // only into a database that has counted nothing yet.
    if (Number(rows[0]?.n ?? 0) === 0 && data.salt) {
      await client.query('UPDATE settings SET value = $1 WHERE key = $2', [data.salt, 'salt']);
      setSalt(data.salt);
    }
    for (const f of data.feedback ?? []) {
      await client.query('INSERT INTO feedback (day, question_hash, statement_ids, vote, platform) VALUES ($1, $2, $3, $4, $5)', [
        f.day,
        f.questionHash,
        f.statementIds,
        f.vote,
        f.platform,
      ]);
      imported.feedback!++;
    }
    for (const q of data.questions ?? []) {
      await client.query('INSERT INTO questions (day, question_hash, answered, platform) VALUES ($1, $2, $3, $4)', [q.day, q.questionHash, q.answered, q.platform]);
      imported.questions!++;
    }
    for (const key of data.questionChannels ?? []) {
      const r = await client.query('INSERT INTO question_channels (key) VALUES ($1) ON CONFLICT DO NOTHING', [key]);
      imported.questionChannels! += r.rowCount ?? 0;
    }
    const tips = (data.tips ?? {}) as Partial<TipDocuments>;
    for (const [key, value] of Object.entries(tips.subscriptions ?? {})) {
      const r = await client.query('INSERT INTO tip_subscriptions (key, value) VALUES ($1, $2) ON CONFLICT DO NOTHING', [key, JSON.stringify(value)]);
      imported.subscriptions! += r.rowCount ?? 0;
    }
    for (const [key, value] of Object.entries(tips.rotations ?? {})) {
      const r = await client.query('INSERT INTO tip_rotations (key, value) VALUES ($1, $2) ON CONFLICT DO NOTHING', [key, JSON.stringify(value)]);
      imported.rotations! += r.rowCount ?? 0;
    }
    for (const [key, days] of Object.entries(tips.claims ?? {})) {
      for (const [day, value] of Object.entries(days)) {
        const r = await client.query('INSERT INTO tip_claims (key, day, value) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [key, day, JSON.stringify(value)]);
        imported.claims! += r.rowCount ?? 0;
      }
    }
    for (const [platform, entries] of Object.entries(data.addresses ?? {})) {
      for (const [conversation, value] of Object.entries(entries)) {
        const r = await client.query('INSERT INTO addresses (platform, conversation, value) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
          platform,
          conversation,
          JSON.stringify(value),
        ]);
        imported.addresses! += r.rowCount ?? 0;
      }
    }
    for (const [ns, entries] of Object.entries(data.records ?? {})) {
      for (const [key, value] of Object.entries(entries)) {
        const r = await client.query('INSERT INTO records (namespace, key, value) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [ns, key, JSON.stringify(value)]);
        imported.records! += r.rowCount ?? 0;
      }
    }
    await client.query('SELECT pg_notify($1, $2)', [CHANNEL, payload('tips')]);
    await client.query('SELECT pg_notify($1, $2)', [CHANNEL, payload('question-channels')]);
    await client.query('COMMIT');
    committed();
    return { imported };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
