// What every Teams handler shares: the core's entry, the conversations' addresses, the cards
// sent with feedback buttons, and how a Reply goes back into the conversation a turn came from.

import type { Activity, IMessageActivityInput } from '@microsoft/teams.api';
import type { IActivityContext } from '@microsoft/teams.apps';
import type { IAdaptiveCard } from '@microsoft/teams.cards';
import type { Logger } from '../../app.ts';
import type { MessageContext } from '../../bot/context.ts';
import type { Conversation } from '../../bot/conversation.ts';
import type { Reply } from '../../bot/reply.ts';
import { renderReplyCards } from '../cards.ts';
import { baseConversationId, referenceFromActivity, rememberConversation, type AddressBook, type TeamsConversationRef } from '../conversation-refs.ts';
import { teamsContext } from '../platform.ts';
import type { SentCards } from '../sent-cards.ts';
import type { PeopleDirectory } from '../people.ts';

export interface TeamsKit {
  conversation: Conversation;
  addresses: AddressBook;
  sentCards: SentCards;
  log: Logger;
  /** Names seen in activities, in memory only (brief and backbrief cards). */
  people: PeopleDirectory;
}

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** A message activity carrying one card; `summary` is Teams' notification and preview text. */
export function cardMessage(card: IAdaptiveCard, summary: string, replyToId?: string): IMessageActivityInput {
  const message = {
    type: 'message' as const,
    summary,
    attachments: [{ contentType: ADAPTIVE_CARD, content: card }],
    ...(replyToId ? { replyToId } : {}),
  };
  return message as IMessageActivityInput;
}

/** Channels and group chats, where the bot answers only when mentioned. */
export function isGroupConversation(activity: Activity): boolean {
  const type = activity.conversation?.conversationType as string | undefined;
  return type === 'channel' || type === 'groupChat' || activity.conversation?.isGroup === true;
}

/** True when the message mentions this bot (Teams marks it as a mention entity). */
export function mentionsBot(activity: Activity): boolean {
  const botId = activity.recipient?.id;
  return (activity.entities ?? []).some((e) => {
    const mention = e as { type?: string; mentioned?: { id?: string } };
    return mention.type === 'mention' && mention.mentioned?.id !== undefined && mention.mentioned.id === botId;
  });
}

/** The ids the core de-duplicates this activity by (Bot Framework retries keep the id). */
export function deliveryIds(activity: Activity): string[] | undefined {
  if (!activity.id || !activity.conversation?.id) return undefined;
  return [`${baseConversationId(activity.conversation.id)}:${activity.id}`];
}

/** The core's context for this activity's conversation. */
export function contextOf(activity: Activity, address?: TeamsConversationRef, people?: ReadonlyArray<{ id: string; name: string }>): MessageContext {
  const ctx = teamsContext(baseConversationId(activity.conversation.id), {
    group: isGroupConversation(activity),
    botName: activity.recipient?.name ?? 'Ledelsesbot',
    ...(address ? { address } : {}),
  });
  const user = activity.from?.id;
  return { ...ctx, ...(user ? { user } : {}), ...(people?.length ? { people } : {}) };
}

export async function rememberFrom(kit: TeamsKit, activity: Activity): Promise<TeamsConversationRef | undefined> {
  const ref = referenceFromActivity(activity);
  if (ref) await rememberConversation(kit.addresses, ref);
  return ref;
}

/**
 * Sends a Reply as one or more cards into the conversation of this turn, as a reply to the
 * activity (`asReply: false` for a welcome, which answers no message).
 */
export async function replyInTurn(ctx: IActivityContext<Activity>, kit: TeamsKit, reply: Reply, { asReply = true } = {}): Promise<void> {
  const activity = ctx.activity;
  const hint = isGroupConversation(activity) ? (activity.recipient?.name ?? 'Ledelsesbot') : undefined;
  const nameOf = (id: string) => kit.people.name(id);
  const cards = renderReplyCards(reply, hint ? { mentionHint: hint, nameOf } : { nameOf });
  for (const rendered of cards) {
    const sent = await ctx.send(cardMessage(rendered.card, rendered.summary, asReply ? activity.id : undefined));
    if (rendered.hasFeedback && sent?.id) kit.sentCards.remember(activity.conversation.id, sent.id, rendered.card);
  }
}
