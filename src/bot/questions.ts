// Free questions: the answer (guard, situations, statements, confidence), counting, and the reply. The one place
// a question's reply is built — asked directly, asked unasked in a question channel, or shown
// again by a button — so a new way of answering (a confident answer, an honest "nearest", a
// no-match) is added here once and every front end gets it.

import type { Answer } from '../search/answerer.ts';
import type { Platform } from '../store/store.ts';
import { DIRECTION_SUGGESTIONS, type KnowledgeSource, type Replies } from './replies.ts';
import { sourcesOf, type Reply, type ReplySection } from './reply.ts';

/** How many statements a free question gets. */
export const ANSWER_COUNT = 3;

/**
 * How much of a question the statements must cover before the bot speaks unasked in a question
 * channel. An answer to a mention, a DM or a command needs only a confident answer; an unasked
 * one needs the words too, so chatter ("Hvem tager kage med på fredag?") gets none, and it is
 * never the honest "nearest".
 */
export const UNASKED_MIN_CONFIDENCE = 0.5;

/** Where questions are counted: a salted hash, whether it was answered, the day and platform. */
export interface QuestionLog {
  recordQuestion(question: string, answered: boolean, platform: Platform): Promise<string>;
  hashQuestion(question: string): string;
}

export class Questions {
  constructor(
    private readonly knowledge: KnowledgeSource,
    private readonly replies: Replies,
    /** Without a log nothing is counted (the terminal, tests). */
    private readonly log?: QuestionLog,
  ) {}

  /** A question someone asked: answered or an honest no-match, and counted. */
  async ask(text: string, platform: Platform): Promise<Reply> {
    const result = this.search(text);
    const questionHash = this.log ? await this.log.recordQuestion(text, result.answered, platform) : '';
    return this.reply(result, questionHash);
  }

  /**
   * A message nobody addressed to the bot (a question channel): answered only when the search is
   * confident, and only then counted, so chatter is not a question nobody answered.
   */
  async screen(text: string, platform: Platform): Promise<Reply | undefined> {
    const result = this.search(text);
    if (result.confidence !== 'high' || result.coverage < UNASKED_MIN_CONFIDENCE) return undefined;
    const questionHash = this.log ? await this.log.recordQuestion(text, true, platform) : '';
    return this.reply(result, questionHash);
  }

  /** The same answer again (a button), not counted; feedback still counts with the original question. */
  again(text: string, questionHash?: string): Reply {
    return this.reply(this.search(text), questionHash ?? this.log?.hashQuestion(text) ?? '');
  }

  /**
   * The reply for an answer: the statements that answer the question; the nearest ones, said
   * plainly, when the situation is clear but the groups did not write about it directly; or an
   * honest "no good match".
   */
  reply(result: Answer, questionHash = ''): Reply {
    if (!result.answered) return noMatch();
    const sections: ReplySection[] = [{ statements: this.replies.view(result.hits.map((h) => h.statement)) }];
    const nearest = result.confidence === 'low';
    return {
      type: nearest ? 'nearest' : 'answer',
      title: nearest ? 'Det nærmeste, grupperne skrev' : 'Det sagde ledelsesgrupperne',
      intro: nearest
        ? 'Ledelsesgrupperne skrev ikke direkte om det, du spørger om. Det nærmeste, de skrev, er:'
        : 'De udsagn fra ledelsesgrupperne, der passer bedst til dit spørgsmål:',
      sections,
      suggestions: [],
      sources: sourcesOf(sections),
      actions: [{ type: 'feedback', statementIds: sections[0]!.statements.map((s) => s.id), questionHash }],
    };
  }

  private search(text: string): Answer {
    return this.knowledge.current.answerer.answer(text, { top: ANSWER_COUNT });
  }
}

export function noMatch(): Reply {
  return {
    type: 'no-match',
    title: 'Ingen gode svar',
    intro:
      'Jeg fandt ikke noget i ledelsesgruppernes udsagn, der passer godt til dit spørgsmål. Prøv at spørge med andre ord, eller se, hvad grupperne sagde om hver retning:',
    sections: [],
    suggestions: DIRECTION_SUGGESTIONS,
    sources: [],
    actions: [],
  };
}
