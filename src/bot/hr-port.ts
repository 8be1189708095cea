// The ports through which the conversation reaches "Spørg HR" (src/hr): the questions nobody
// could answer go to HR, HR's answers come back to the leader and become knowledge. src/bot
// names only these shapes; src/hr implements them, so src/bot does not depend on src/hr.

import type { Platform } from '../store/store.ts';
import type { ActionRequest } from './actions.ts';
import type { MessageContext } from './context.ts';
import type { Intent } from './intent.ts';
import type { Reply, StatementView } from './reply.ts';

/** How a question was answered, for HR's insight: confidently, the nearest, not at all, or by a saved HR answer. */
export type QuestionOutcome = 'high' | 'low' | 'none' | 'hr';

/** What the questions need from HR. */
export interface HrQuestionHooks {
  /** Saved HR answers that answer the question, best first; empty when none does. */
  savedAnswersFor(text: string): Promise<StatementView[]>;
  /** True when a question from this platform can be sent to HR: some HR channel or page receives it. */
  canSendToHr(platform: Platform): boolean;
  /** Counts a question for HR's insight: how it was answered and the situation it was about. No text, no hash. */
  noteQuestion(outcome: QuestionOutcome, situation: string | undefined, platform: Platform): Promise<void>;
  /** True for the id of a saved HR answer (feedback on it is counted like feedback on a statement). */
  isSavedAnswer(id: string): boolean;
}

export type HrIntent = Extract<Intent, { type: 'hr-channel' | 'hr-saved' }>;
export type HrActionRequest = Extract<ActionRequest, { type: 'hr-offer' | 'hr-open' | 'hr-dismiss' | 'hr-remove' | 'submit' | 'hr-inbox' }>;

/** The HR conversation: its commands and its buttons and forms. */
export interface HrConversation extends HrQuestionHooks {
  command(intent: HrIntent, ctx: MessageContext): Promise<Reply>;
  act(action: HrActionRequest, ctx: MessageContext): Promise<Reply>;
}

export const HR_OFFER_LABEL = 'Send spørgsmålet til HR';
