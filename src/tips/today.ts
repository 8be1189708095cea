// Today's tip for everyone (Slack's App Home, the local page): the same statement all day.

import type { KnowledgeSource, Replies } from '../bot/replies.ts';
import type { Reply } from '../bot/reply.ts';
import { copenhagenDay } from '../clock.ts';
import { commonTipFor } from './rotation.ts';

export type TodaysTip = (now?: Date) => Reply;

export function todaysTipFor(knowledge: KnowledgeSource, replies: Replies, clock: () => Date = () => new Date()): TodaysTip {
  return (now = clock()) => {
    const statement = commonTipFor(copenhagenDay(now), knowledge.current.kb.statements);
    if (!statement) return replies.info('Dagens tip', 'Der er ingen tips i vidensbasen lige nu.');
    return replies.tip(statement, 'Dagens tip');
  };
}
