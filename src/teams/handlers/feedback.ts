// "Hjalp det?" — a vote from a card's feedback buttons, into the same store as Slack's.

import { z } from 'zod';
import type { FeedbackData } from '../cards.ts';
import type { TeamsKit } from './turn.ts';

const FeedbackSchema = z.object({
  action: z.literal('feedback'),
  vote: z.enum(['up', 'down']),
  statementIds: z.array(z.string().max(64)).min(1).max(50),
  questionHash: z.string().max(128).regex(/^[\w:.-]*$/),
});

/** The feedback data of a button press, or undefined if it is not (valid) feedback. */
export function parseFeedback(data: unknown): FeedbackData | undefined {
  const parsed = FeedbackSchema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Records a vote. Statement ids that the knowledge base does not know are dropped, so a
 * forged or outdated button cannot put junk into the statistics. Returns false if nothing
 * was left to record.
 */
export async function recordFeedback(kit: TeamsKit, feedback: FeedbackData): Promise<boolean> {
  const known = new Set(kit.deps.conversation.index.kb.statements.map((s) => s.id));
  const statementIds = [...new Set(feedback.statementIds)].filter((id) => known.has(id));
  if (statementIds.length === 0) return false;
  await kit.deps.store.recordFeedback({ questionHash: feedback.questionHash, statementIds, vote: feedback.vote, platform: 'teams' });
  return true;
}

export const THANKS = 'Tak for din vurdering.';
export const STALE_BUTTON = 'Den knap hører til et svar, jeg ikke kender længere. Stil gerne spørgsmålet igen.';
