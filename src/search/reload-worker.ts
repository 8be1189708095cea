// Builds a knowledge index from data/ off the main thread: validating and training take
// seconds, and the bot must go on answering (and acknowledging Slack within 3 s) meanwhile.
// Posts the index as a snapshot, or the reason the data was refused.

import { parentPort, workerData } from 'node:worker_threads';
import { DataError } from '../knowledge/files.ts';
import { snapshotOf, type IndexSnapshot } from './index-cache.ts';
import { loadKnowledgeIndex } from './knowledge-index.ts';

export type ReloadResult = { ok: true; snapshot: IndexSnapshot } | { ok: false; detail: string };

const { dataDir } = workerData as { dataDir: string };
let result: ReloadResult;
try {
  result = { ok: true, snapshot: snapshotOf(loadKnowledgeIndex(dataDir)) };
} catch (err) {
  result = { ok: false, detail: err instanceof DataError ? err.message : String(err) };
}
parentPort?.postMessage(result);
