// "Hjalp det?" 👍/👎: the vote goes to the core, which stores it (statement ids, question hash,
// vote, day — never who voted or what they asked); a counted vote is acknowledged here.

import { createHash } from 'node:crypto';
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs, types } from '@slack/bolt';
import { ACTION, decodeFeedback, showRequest } from '../../action-values.ts';
import { renderMessage, withFeedbackThanks } from '../../blocks.ts';
import { describeError, type SlackBot } from '../../bot.ts';
import { isDirectMessage, slackContext } from '../../platform.ts';

const THANKS = 'Tak for din feedback 🙏';

/**
 * Who already voted on which message, so a double click counts once. Kept only in memory,
 * hashed, for a day: it is never stored.
 */
export class VoteGuard {
  private readonly seen = new Map<string, number>();
  constructor(
    private readonly ttlMs = 24 * 60 * 60 * 1000,
    private readonly maxEntries = 10_000,
  ) {}

  /** True the first time this person votes on this message. */
  first(user: string, message: string, now = Date.now()): boolean {
    const key = createHash('sha256').update(`${user}\u0000${message}`).digest('base64url').slice(0, 22);
    const at = this.seen.get(key);
    if (at !== undefined && now - at < this.ttlMs) return false;
    if (this.seen.size >= this.maxEntries) {
      for (const [k, t] of this.seen) if (now - t >= this.ttlMs || this.seen.size >= this.maxEntries) this.seen.delete(k);
    }
    this.seen.set(key, now);
    return true;
  }
}

export function recordFeedback(bot: SlackBot, guard = new VoteGuard()) {
  return async function storeVote({ ack, action, body, respond }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>): Promise<void> {
    await ack();
    const value = decodeFeedback(action.value);
    if (!value) return;
    const container = body.container as { is_ephemeral?: boolean; message_ts?: string; channel_id?: string };
    const channel = body.channel?.id ?? container.channel_id ?? '';
    const messageKey = `${channel}:${container.message_ts ?? body.message?.ts ?? ''}`;
    if (!guard.first(body.user.id, messageKey)) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: 'Du har allerede givet feedback på dette svar. Tak!' });
      return;
    }
    const vote = action.action_id === ACTION.feedbackUp ? 'up' : 'down';
    const context = slackContext(channel);
    bot.answers.push(async () => {
      try {
        const question = value.r?.c !== undefined ? { question: value.r.c } : {};
        const reply = await bot.conversation.respond({ type: 'action', action: { type: 'feedback', vote, statementIds: value.i, questionHash: value.q, ...question } }, context);
        if (reply?.type === 'thanks') await acknowledge();
        // After a 👎 on a question: the offer to send it to HR, to the voter alone.
        if (reply?.type === 'thanks' && reply.actions.some((a) => a.type === 'hr-offer')) {
          const offer = renderMessage(reply);
          await respond({ response_type: 'ephemeral', replace_original: false, text: offer.text, blocks: offer.blocks });
        }
      } catch (err) {
        bot.log.error(`Slack: feedback kunne ikke gemmes: ${describeError(err)}`);
      }
    });

    async function acknowledge(): Promise<void> {
      const blocks = body.message?.blocks as types.KnownBlock[] | undefined;
      // Only the voter sees a private answer or a direct message: replace the buttons there.
      // In a channel others may still want to vote, so the voter alone is thanked.
      if (container.is_ephemeral || isDirectMessage(channel)) {
        if (blocks?.length) {
          await respond({ replace_original: true, text: body.message?.text ?? THANKS, blocks: withFeedbackThanks(blocks) });
          return;
        }
        const again = value?.r ? await bot.conversation.respond({ type: 'action', action: showRequest(value.r) }, context) : undefined;
        if (value?.r && again) {
          const message = renderMessage(again, {
            command: value.r.c,
            share: Boolean(container.is_ephemeral),
            feedbackGiven: true,
            ...(again.asked?.isQuestion ? { question: value.r.c } : {}),
          });
          await respond({ replace_original: true, text: message.text, blocks: message.blocks });
          return;
        }
      }
      await respond({ response_type: 'ephemeral', replace_original: false, text: THANKS });
    }
  };
}
