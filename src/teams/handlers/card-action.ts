// Card buttons that invoke the bot (Action.Execute → invoke "adaptiveCard/action"): the
// feedback votes. The vote is recorded, and the card is answered with itself where the
// buttons have become a thank-you — Teams shows that card to the person who voted.

import type { AdaptiveCardActionResponse, IAdaptiveCardActionInvokeActivity } from '@microsoft/teams.api';
import type { IActivityContext } from '@microsoft/teams.apps';
import { cardWithFeedbackThanks, renderReplyCards } from '../cards.ts';
import { parseFeedback, STALE_BUTTON, submitFeedback, THANKS } from './feedback.ts';
import { ADAPTIVE_CARD, cardMessage, type TeamsKit } from './turn.ts';

function message(text: string): AdaptiveCardActionResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text };
}

export function onCardAction(kit: TeamsKit) {
  return async (ctx: IActivityContext<IAdaptiveCardActionInvokeActivity>): Promise<AdaptiveCardActionResponse> => {
    const activity = ctx.activity;
    const feedback = parseFeedback(activity.value?.action?.data);
    if (!feedback) return message(STALE_BUTTON);
    // A retried invoke (no reply: already counted) is answered again as if counted.
    const reply = await submitFeedback(kit, activity, feedback);
    if (reply && reply.type !== 'thanks') return message(STALE_BUTTON);
    // After a 👎 on a question: the offer to send it to HR, as its own card.
    if (reply?.actions.some((a) => a.type === 'hr-offer')) {
      const [offer] = renderReplyCards(reply);
      if (offer) await ctx.send(cardMessage(offer.card, offer.summary));
    }
    const card = kit.sentCards.find(activity.conversation.id, activity.replyToId);
    if (!card) return message(THANKS);
    return { statusCode: 200, type: ADAPTIVE_CARD, value: cardWithFeedbackThanks(card, feedback.vote) };
  };
}
