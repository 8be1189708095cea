// The core for Teams tests: the real knowledge, conversation and (in-memory) store, and a
// recording stand-in for the tip commands, whose real implementation lives in src/tips.

import { testDeps, type TestDeps } from './deps.ts';

export { testLog, type RecordingTips, type TestLog } from './deps.ts';

export function teamsDeps(env: Record<string, string> = {}): Promise<TestDeps> {
  return testDeps(env, (intent, replies) => {
    const text = intent.type === 'tip-subscribe' ? `Abonnement på dagligt tip kl. ${intent.time ?? '08:30'}.` : `Kommando: ${intent.type}.`;
    return replies.info('Daglige tips', text);
  });
}
