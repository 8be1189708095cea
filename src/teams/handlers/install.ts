// Installation: when the app is added to a personal chat, a group chat or a team, the bot
// remembers the conversation (for daily tips) and says how to use it; when it is removed,
// the reference is forgotten.

import type { IConversationUpdateActivity, InstallUpdateActivity } from '@microsoft/teams.api';
import type { IActivityContext } from '@microsoft/teams.apps';
import { forgetConversation } from '../conversation-refs.ts';
import { contextOf, deliveryIds, rememberFrom, replyInTurn, type TeamsKit } from './turn.ts';

export function onConversationUpdate(kit: TeamsKit) {
  return async (ctx: IActivityContext<IConversationUpdateActivity>): Promise<void> => {
    const activity = ctx.activity;
    const botId = activity.recipient?.id;
    const added = (activity.membersAdded ?? []).some((m) => m.id === botId);
    const removed = (activity.membersRemoved ?? []).some((m) => m.id === botId);
    if (removed) {
      await forgetConversation(kit.addresses, activity.conversation.id);
      return;
    }
    if (!added) return;
    const ref = await rememberFrom(kit, activity);
    const ids = deliveryIds(activity);
    // The welcome is the help card; in channels and group chats it says to mention the bot.
    const welcome = await kit.conversation.respond({ type: 'welcome', ...(ids ? { deliveryIds: ids } : {}) }, contextOf(activity, ref));
    if (welcome) await replyInTurn(ctx, kit, welcome, { asReply: false });
  };
}

export function onInstallationUpdate(kit: TeamsKit) {
  return async (ctx: IActivityContext<InstallUpdateActivity>): Promise<void> => {
    const activity = ctx.activity;
    const action = String(activity.action ?? '');
    // "add" and "add-upgrade" keep the conversation; only "remove" forgets it.
    if (action === 'remove') await forgetConversation(kit.addresses, activity.conversation.id);
    else if (action.startsWith('add')) await rememberFrom(kit, activity);
  };
}
