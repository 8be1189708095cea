// "Spørg HR" buttons and forms on Teams cards (Action.Submit: a message whose value is the
// button's data plus the inputs' values). Read and checked here, handed to the core; the core's
// reply goes back into the conversation as a card.

import { z } from 'zod';
import type { IMessageActivity } from '@microsoft/teams.api';
import type { ActionRequest } from '../../bot/actions.ts';
import type { MessageContext } from '../../bot/context.ts';
import { MAX_CARD_INPUT } from '../hr-cards.ts';
import type { TeamsConversationRef } from '../conversation-refs.ts';
import { contextOf, isGroupConversation } from './turn.ts';

const Id = z.string().max(60);
const OfferSchema = z.object({ action: z.literal('hr-offer'), question: z.string().min(1).max(MAX_CARD_INPUT), nearest: z.array(Id).max(5) });
const DismissSchema = z.object({ action: z.literal('hr-dismiss'), questionId: Id });
const RemoveSchema = z.object({ action: z.literal('hr-remove'), answerId: Id });
const SubmitSchema = z.object({ action: z.literal('hr-submit'), form: z.enum(['hr-ask', 'hr-answer']) }).catchall(z.unknown());

export const HR_CARD_ACTIONS = new Set(['hr-offer', 'hr-dismiss', 'hr-remove', 'hr-submit']);

/** The core's request for an HR button or form, or undefined when the value is not a valid one. */
export function hrRequest(value: Record<string, unknown>, person: string | undefined): ActionRequest | undefined {
  const who = person ? { person: { name: person.slice(0, 100) } } : {};
  switch (value.action) {
    case 'hr-offer': {
      const v = OfferSchema.safeParse(value);
      return v.success ? { type: 'hr-offer', question: v.data.question, nearest: v.data.nearest } : undefined;
    }
    case 'hr-dismiss': {
      const v = DismissSchema.safeParse(value);
      return v.success ? { type: 'hr-dismiss', questionId: v.data.questionId, ...who } : undefined;
    }
    case 'hr-remove': {
      const v = RemoveSchema.safeParse(value);
      return v.success ? { type: 'hr-remove', answerId: v.data.answerId } : undefined;
    }
    case 'hr-submit': {
      const v = SubmitSchema.safeParse(value);
      if (!v.success) return undefined;
      const values: Record<string, string> = {};
      for (const [k, x] of Object.entries(v.data)) if (k !== 'action' && k !== 'form' && typeof x === 'string') values[k] = x.slice(0, MAX_CARD_INPUT);
      return { type: 'submit', form: v.data.form, values, ...who };
    }
    default:
      return undefined;
  }
}

/**
 * The context for an HR action: the answer to a question goes back to the very conversation it
 * came from — the personal chat, or the channel thread (the full conversation id, ";messageid=…").
 */
export function hrContext(activity: IMessageActivity, ref: TeamsConversationRef | undefined): MessageContext {
  const thread = ref ? { ...ref, conversationId: activity.conversation.id } : undefined;
  const ctx = contextOf(activity, thread);
  return {
    ...ctx,
    wording: {
      ...ctx.wording,
      hrAnswerArrives: isGroupConversation(activity) ? 'Svaret kommer her i tråden, når HR har svaret.' : 'Svaret kommer her i vores chat, når HR har svaret.',
    },
  };
}
