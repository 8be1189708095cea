// Brief and backbrief in Teams: a card's Action.Submit arrives as a message whose value is the
// button's data — a typed request ("Giv backbrief", "Luk briefet") or a form with its inputs.
// Read and checked here, handed to the core, and the reply sent back as cards.

import type { IMessageActivity } from '@microsoft/teams.api';
import type { IActivityContext } from '@microsoft/teams.apps';
import { decodeButtonRequest, type ActionRequest } from '../../bot/actions.ts';
import type { Reply } from '../../bot/reply.ts';
import { errorMessage } from '../../shared/errors.ts';
import { submittedValues } from '../brief-cards.ts';
import { noticeCard } from '../cards.ts';
import { cardMessage, contextOf, deliveryIds, rememberFrom, replyInTurn, type TeamsKit } from './turn.ts';

export const STALE_REQUEST = 'Den knap virker ikke længere. Skriv »brief status« for at se dine briefs.';

function requestOf(value: Record<string, unknown>): ActionRequest | undefined {
  if (value.action === 'request') return decodeButtonRequest(value.request);
  if (value.action !== 'submit' || (value.form !== 'brief' && value.form !== 'backbrief')) return undefined;
  const ref = typeof value.ref === 'string' && /^[A-Za-z0-9_-]{1,40}$/.test(value.ref) ? value.ref : undefined;
  return { type: 'submit', form: value.form, ...(ref ? { ref } : {}), values: submittedValues(value) };
}

export async function answerBriefValue(ctx: IActivityContext<IMessageActivity>, kit: TeamsKit, value: Record<string, unknown>): Promise<void> {
  const activity = ctx.activity;
  kit.people.learn(activity);
  const request = requestOf(value);
  if (!request) {
    await ctx.send(cardMessage(noticeCard('Knappen virker ikke', STALE_REQUEST), 'Knappen virker ikke', activity.id));
    return;
  }
  // A form shown again keeps the people chosen, with the names this instance knows.
  const chosen = request.type === 'submit' ? request.values.recipients : undefined;
  const people = Array.isArray(chosen) ? chosen.map((id) => ({ id, name: kit.people.name(id) ?? 'en kollega' })) : undefined;
  const ref = await rememberFrom(kit, activity);
  const ids = deliveryIds(activity);
  let reply: Reply | undefined;
  try {
    reply = await kit.conversation.respond({ type: 'action', action: request, ...(ids ? { deliveryIds: ids } : {}) }, contextOf(activity, ref, people));
  } catch (err) {
    kit.log.error(`Teams: en formular eller knap kunne ikke besvares: ${errorMessage(err)}`);
    reply = kit.conversation.sorry();
  }
  if (reply) await replyInTurn(ctx, kit, reply);
}
