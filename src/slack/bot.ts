// What the Slack listeners share: the core's entry, today's tip and the knowledge (for App
// Home), the log, and the queue that runs answers after the acknowledgements.

import type { Logger } from '../app.ts';
import type { Conversation } from '../bot/conversation.ts';
import type { KnowledgeSource } from '../bot/replies.ts';
import { errorMessage } from '../shared/errors.ts';
import type { TodaysTip } from '../tips/today.ts';
import { AnswerQueue } from './answer-queue.ts';

/**
 * Longest text we read. The search analyses only the first 4000 characters anyway; a longer
 * paste is cut here, so no text, however long, can slow the app down.
 */
export const MAX_INPUT_CHARS = 4000;

export interface SlackBot {
  conversation: Conversation;
  knowledge: KnowledgeSource;
  todaysTip: TodaysTip;
  log: Logger;
  /** Answer work, run after the acknowledgements (see answer-queue.ts). */
  answers: AnswerQueue;
}

export function createSlackBot(deps: Omit<SlackBot, 'answers'>): SlackBot {
  const answers = new AnswerQueue((err) => deps.log.error(`Slack: et svar kunne ikke sendes: ${describeError(err)}`));
  return { ...deps, answers };
}

export function capInput(text: string | undefined): string {
  const t = text ?? '';
  return t.length > MAX_INPUT_CHARS ? t.slice(0, MAX_INPUT_CHARS) : t;
}

/** An error's message for the log; never a token (Bolt and the Web API client keep them out of messages). */
export function describeError(err: unknown): string {
  if (err && typeof err === 'object' && 'data' in err) {
    const data = (err as { data?: { error?: unknown } }).data;
    if (data && typeof data.error === 'string') return data.error;
  }
  return errorMessage(err);
}
