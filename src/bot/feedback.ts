// "Hjalp det?": a vote on the statements a reply showed, into the store. Statement ids the
// knowledge base does not know are dropped, so a forged or outdated button cannot put junk into
// the statistics.

import type { FeedbackRecord, Platform } from '../store/store.ts';
import type { ActionRequest } from './actions.ts';
import { HR_OFFER_LABEL, type HrQuestionHooks } from './hr-port.ts';
import type { KnowledgeSource, Replies } from './replies.ts';
import type { Reply } from './reply.ts';

export interface FeedbackLog {
  recordFeedback(record: Omit<FeedbackRecord, 'day'>): Promise<void>;
}

export const STALE_BUTTON = 'Den knap hører til et svar, jeg ikke kender længere. Stil gerne spørgsmålet igen.';

export class FeedbackBox {
  constructor(
    private readonly knowledge: KnowledgeSource,
    private readonly log: FeedbackLog,
    private readonly replies: Replies,
    /** "Spørg HR": saved answers count as known, and a 👎 offers to send the question to HR. */
    private readonly hr?: Pick<HrQuestionHooks, 'canSendToHr' | 'isSavedAnswer'>,
  ) {}

  /** Records the vote; a 'thanks' reply, or an 'error' when none of its statements is known. */
  async vote(request: Extract<ActionRequest, { type: 'feedback' }>, platform: Platform): Promise<Reply> {
    const { byId } = this.knowledge.current.kb;
    const statementIds = [...new Set(request.statementIds)].filter((id) => byId.has(id) || this.hr?.isSavedAnswer(id));
    if (statementIds.length === 0) return this.replies.error('Knappen virker ikke', STALE_BUTTON);
    await this.log.recordFeedback({ questionHash: request.questionHash, statementIds, vote: request.vote, platform });
    const thanks = this.replies.thanks();
    const question = request.question?.trim();
    if (request.vote === 'down' && question && this.hr?.canSendToHr(platform)) {
      return {
        ...thanks,
        intro: `${thanks.intro} Fik du ikke svar på dit spørgsmål? Du kan sende det til HR — intet sendes, før du vælger det.`,
        actions: [{ type: 'hr-offer', label: HR_OFFER_LABEL, question, nearest: statementIds }],
      };
    }
    return thanks;
  }
}
