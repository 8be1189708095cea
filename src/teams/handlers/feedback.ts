// "Hjalp det?" — a vote from a card's feedback buttons, read and checked here and handed to the
// core, which records it in the same store as the other platforms'.

import { z } from 'zod';
import type { Activity } from '@microsoft/teams.api';
import type { Reply } from '../../bot/reply.ts';
import type { FeedbackData } from '../cards.ts';
import { contextOf, deliveryIds, type TeamsKit } from './turn.ts';

export { STALE_BUTTON } from '../../bot/feedback.ts';

const FeedbackSchema = z.object({
  action: z.literal('feedback'),
  vote: z.enum(['up', 'down']),
  statementIds: z.array(z.string().max(64)).min(1).max(50),
  questionHash: z.string().max(128).regex(/^[\w:.-]*$/),
  question: z.string().max(1500).optional(),
});

/** The feedback data of a button press, or undefined if it is not (valid) feedback. */
export function parseFeedback(data: unknown): FeedbackData | undefined {
  const parsed = FeedbackSchema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Hands a vote to the core. Undefined when the activity was delivered before (a retry: counted
 * once); otherwise 'thanks', or an 'error' when the button's statements are unknown.
 */
export function submitFeedback(kit: TeamsKit, activity: Activity, feedback: FeedbackData): Promise<Reply | undefined> {
  const ids = deliveryIds(activity);
  return kit.conversation.respond(
    {
      type: 'action',
      action: {
        type: 'feedback',
        vote: feedback.vote,
        statementIds: feedback.statementIds,
        questionHash: feedback.questionHash,
        ...(feedback.question ? { question: feedback.question } : {}),
      },
      ...(ids ? { deliveryIds: ids } : {}),
    },
    contextOf(activity),
  );
}

export const THANKS = 'Tak for din vurdering.';
