// Free questions: the answer (guard, situations, statements, confidence), counting, and the reply. The one place
// a question's reply is built — asked directly, asked unasked in a question channel, or shown
// again by a button — so a new way of answering (a confident answer, an honest "nearest", a
// no-match) is added here once and every front end gets it.

import type { Answer } from '../search/answerer.ts';
import type { Platform } from '../store/store.ts';
import { HR_OFFER_LABEL, type HrQuestionHooks, type QuestionOutcome } from './hr-port.ts';
import { DIRECTION_SUGGESTIONS, type KnowledgeSource, type Replies } from './replies.ts';
import { sourcesOf, type Reply, type ReplyAction, type ReplySection, type StatementView } from './reply.ts';

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
    /** "Spørg HR": saved HR answers, the offer to send the question to HR, HR's insight. */
    private readonly hr?: HrQuestionHooks,
  ) {}

  /** A question someone asked: answered or an honest no-match, and counted. */
  async ask(text: string, platform: Platform): Promise<Reply> {
    const result = this.search(text);
    const saved = this.hr ? await this.hr.savedAnswersFor(text) : [];
    const answered = result.answered || saved.length > 0;
    const questionHash = this.log ? await this.log.recordQuestion(text, answered, platform) : '';
    await this.hr?.noteQuestion(outcomeOf(result, saved), result.situations[0], platform);
    return this.reply(result, questionHash, { saved, offerHr: { text, platform } });
  }

  /**
   * A message nobody addressed to the bot (a question channel): answered only when the search is
   * confident, and only then counted, so chatter is not a question nobody answered.
   */
  async screen(text: string, platform: Platform): Promise<Reply | undefined> {
    const result = this.search(text);
    if (result.confidence !== 'high' || result.coverage < UNASKED_MIN_CONFIDENCE) return undefined;
    const questionHash = this.log ? await this.log.recordQuestion(text, true, platform) : '';
    await this.hr?.noteQuestion('high', result.situations[0], platform);
    return this.reply(result, questionHash);
  }

  /** The same answer again (a button), not counted; feedback still counts with the original question. */
  async again(text: string, questionHash?: string, platform?: Platform): Promise<Reply> {
    const saved = this.hr ? await this.hr.savedAnswersFor(text) : [];
    const offerHr = platform !== undefined ? { text, platform } : undefined;
    return this.reply(this.search(text), questionHash ?? this.log?.hashQuestion(text) ?? '', { saved, ...(offerHr ? { offerHr } : {}) });
  }

  /**
   * The reply for an answer: the statements that answer the question; the nearest ones, said
   * plainly, when the situation is clear but the groups did not write about it directly; or an
   * honest "no good match".
   */
  reply(result: Answer, questionHash = '', options: { saved?: StatementView[]; offerHr?: { text: string; platform: Platform } } = {}): Reply {
    const saved = options.saved ?? [];
    // HR answered this question (or one worded like it): HR's answer first, the groups' after it.
    if (saved.length) return this.savedAnswerReply(saved, result, questionHash);
    const offer = options.offerHr && this.hr?.canSendToHr(options.offerHr.platform) ? [this.offer(options.offerHr.text, result)] : [];
    if (!result.answered) return { ...noMatch(), actions: offer };
    const sections: ReplySection[] = [{ statements: this.replies.view(result.hits.map((h) => h.statement)) }];
    const nearest = result.confidence === 'low';
    const actions: ReplyAction[] = [{ type: 'feedback', statementIds: sections[0]!.statements.map((s) => s.id), questionHash }];
    return {
      type: nearest ? 'nearest' : 'answer',
      title: nearest ? 'Det nærmeste, grupperne skrev' : 'Det sagde ledelsesgrupperne',
      intro: nearest
        ? 'Ledelsesgrupperne skrev ikke direkte om det, du spørger om. Det nærmeste, de skrev, er:'
        : 'De udsagn fra ledelsesgrupperne, der passer bedst til dit spørgsmål:',
      sections,
      suggestions: [],
      sources: sourcesOf(sections),
      // The honest "nearest" may not be enough: it offers to ask HR; a confident answer offers it after a 👎.
      actions: nearest ? [...actions, ...offer] : actions,
    };
  }

  private savedAnswerReply(saved: StatementView[], result: Answer, questionHash: string): Reply {
    const sections: ReplySection[] = [{ title: 'Svar fra HR', statements: saved }];
    if (result.confidence === 'high') {
      sections.push({ title: 'Det sagde ledelsesgrupperne', statements: this.replies.view(result.hits.map((h) => h.statement)) });
    }
    return {
      type: 'answer',
      title: 'Svar fra HR',
      intro: 'HR har svaret på et spørgsmål som dit:',
      sections,
      suggestions: [],
      sources: sourcesOf(sections),
      actions: [{ type: 'feedback', statementIds: sections.flatMap((s) => s.statements.map((st) => st.id)), questionHash }],
    };
  }

  private offer(question: string, result: Answer): ReplyAction {
    return { type: 'hr-offer', label: HR_OFFER_LABEL, question, nearest: result.candidates.map((h) => h.statement.id) };
  }

  private search(text: string): Answer {
    return this.knowledge.current.answerer.answer(text, { top: ANSWER_COUNT });
  }
}

function outcomeOf(result: Answer, saved: readonly StatementView[]): QuestionOutcome {
  if (saved.length) return 'hr';
  return result.confidence ?? 'none';
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
