// Messages: in a personal chat every message is for the bot; in channels and group chats
// only those that mention it. The same conversation as Slack, without the slash: "nedad",
// "opad undgå", "bungay", "tip", "tip abonner 08:30", "hjælp" or a question.
// Card buttons arrive here too: Action.Submit sends its data as the message's value.

import type { IMessageActivity } from '@microsoft/teams.api';
import type { IActivityContext } from '@microsoft/teams.apps';
import { parseIntent, type Intent } from '../../bot/intent.ts';
import type { Reply } from '../../bot/reply.ts';
import type { TeamsConversationRef } from '../conversation-refs.ts';
import { noticeCard } from '../cards.ts';
import { baseConversationId, referenceFromActivity, rememberConversation } from '../conversation-refs.ts';
import { parseFeedback, recordFeedback, STALE_BUTTON, THANKS } from './feedback.ts';
import { cardMessage, firstTime, isGroupConversation, mentionsBot, replyInTurn, type TeamsKit } from './turn.ts';

/** Longest command a button may carry; real ones are a few words. */
const MAX_BUTTON_COMMAND = 100;

/** The Reply for an intent, with Teams' own answers for subscriptions and question channels. */
export async function answer(kit: TeamsKit, intent: Intent, conversationId: string, ref: TeamsConversationRef | undefined, botName = 'Ledelsesbot'): Promise<Reply> {
  const { conversation, tips } = kit.deps;
  switch (intent.type) {
    case 'tip-subscribe':
    case 'tip-unsubscribe':
    case 'tip-status':
      return tips.handleCommand(intent, { platform: 'teams', channel: baseConversationId(conversationId), conversationRef: ref, commandPrefix: '' });
    case 'question-channel':
      return conversation.info(
        'Spørgsmål i kanaler',
        `I Teams skal der ikke slås noget til: nævn @${botName} i en kanal eller gruppechat, så svarer jeg. I en chat med mig kan du bare skrive dit spørgsmål.`,
      );
    default:
      return conversation.reply(intent, { platform: 'teams', commandPrefix: '' });
  }
}

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
      if (!(await firstTime(kit, activity))) return;
      const feedback = parseFeedback(value);
      const recorded = feedback ? await recordFeedback(kit, feedback) : false;
      const card = recorded ? noticeCard(THANKS, 'Din vurdering hjælper med at gøre svarene bedre.') : noticeCard('Knappen virker ikke', STALE_BUTTON);
      await ctx.send(cardMessage(card, recorded ? THANKS : 'Knappen virker ikke', activity.id));
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
    if (!(await firstTime(kit, activity))) return;

    const ref = referenceFromActivity(activity);
    if (ref) await rememberConversation(kit.deps.store, ref);

    let reply: Reply;
    try {
      reply = await answer(kit, parseIntent(text), activity.conversation.id, ref, activity.recipient?.name);
    } catch (err) {
      kit.deps.log.error(`Teams: kunne ikke svare på en besked: ${err instanceof Error ? err.message : String(err)}`);
      reply = kit.deps.conversation.error('Der skete en fejl', 'Jeg kunne ikke svare lige nu. Prøv igen om lidt.');
    }
    await replyInTurn(ctx, kit, reply);
  };
}
