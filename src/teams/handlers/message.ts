// Messages: in a personal chat every message is for the bot; in channels and group chats
// only those that mention it. The same conversation as Slack, without the slash: "nedad",
// "opad undgå", "bungay", "tip", "tip abonner 08:30", "hjælp" or a question.
// Card buttons arrive here too: Action.Submit sends its data as the message's value.

import type { IMessageActivity } from '@microsoft/teams.api';
import type { IActivityContext } from '@microsoft/teams.apps';
import type { Reply } from '../../bot/reply.ts';
import { errorMessage } from '../../shared/errors.ts';
import { noticeCard } from '../cards.ts';
import { parseFeedback, STALE_BUTTON, submitFeedback, THANKS } from './feedback.ts';
import { answerBriefValue } from './brief.ts';
import { HR_CARD_ACTIONS, hrContext, hrRequest } from './hr.ts';
import { cardMessage, contextOf, deliveryIds, isGroupConversation, mentionsBot, rememberFrom, replyInTurn, type TeamsKit } from './turn.ts';

/** Longest command a button may carry; real ones are a few words. */
const MAX_BUTTON_COMMAND = 100;

function buttonValue(activity: IMessageActivity): Record<string, unknown> | undefined {
  const value = activity.value as unknown;
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function onMessage(kit: TeamsKit) {
  return async (ctx: IActivityContext<IMessageActivity>): Promise<void> => {
    const activity = ctx.activity;
    const value = buttonValue(activity);
    let text: string;

    if (value?.action === 'feedback') {
      const feedback = parseFeedback(value);
      const reply = feedback ? await submitFeedback(kit, activity, feedback) : undefined;
      if (feedback && !reply) return; // a retry, already answered
      const recorded = reply?.type === 'thanks';
      const card = recorded ? noticeCard(THANKS, 'Din vurdering hjælper med at gøre svarene bedre.') : noticeCard('Knappen virker ikke', STALE_BUTTON);
      await ctx.send(cardMessage(card, recorded ? THANKS : 'Knappen virker ikke', activity.id));
      return;
    }
    if (value?.action === 'request' || value?.action === 'submit') {
      await answerBriefValue(ctx, kit, value);
      return;
    }
    if (typeof value?.action === 'string' && HR_CARD_ACTIONS.has(value.action)) {
      const ref = await rememberFrom(kit, activity);
      const request = hrRequest(value, activity.from?.name);
      const ids = deliveryIds(activity);
      let reply: Reply | undefined;
      try {
        reply = request
          ? await kit.conversation.respond({ type: 'action', action: request, ...(ids ? { deliveryIds: ids } : {}) }, hrContext(activity, ref))
          : kit.conversation.sorry();
      } catch (err) {
        kit.log.error(`Teams: en HR-knap kunne ikke besvares: ${errorMessage(err)}`);
        reply = kit.conversation.sorry();
      }
      if (reply) await replyInTurn(ctx, kit, reply);
      return;
    }
    if (value?.action === 'command' && typeof value.command === 'string') {
      text = value.command.slice(0, MAX_BUTTON_COMMAND);
    } else {
      // Teams only delivers channel messages that mention the bot, but a group chat with
      // extra permissions may deliver all of them: stay quiet unless addressed.
      if (isGroupConversation(activity) && !mentionsBot(activity)) return;
      text = activity.text ?? '';
    }

    // Remembered before answering, so "tip abonner" and later tips know where to post.
    const ref = await rememberFrom(kit, activity);
    const ids = deliveryIds(activity);
    const mentioned = kit.people.learn(activity);
    let reply: Reply | undefined;
    try {
      reply = await kit.conversation.respond({ type: 'message', text, ...(ids ? { deliveryIds: ids } : {}) }, contextOf(activity, ref, mentioned));
    } catch (err) {
      kit.log.error(`Teams: kunne ikke svare på en besked: ${errorMessage(err)}`);
      reply = kit.conversation.sorry();
    }
    if (reply) await replyInTurn(ctx, kit, reply);
  };
}
