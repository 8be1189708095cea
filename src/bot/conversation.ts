// The platform-neutral conversation: intent → Reply. Slack, Teams, the local page and the
// terminal all call this and only render what it returns.

import {
  DIRECTION_DESCRIPTION,
  DIRECTION_LABEL,
  DIRECTION_SHORT,
  KIND_LABEL,
  LEADING_DIRECTIONS,
  type Direction,
  type Kind,
} from '../knowledge/directions.ts';
import type { Statement } from '../knowledge/schema.ts';
import type { Answer } from '../search/answerer.ts';
import type { KnowledgeIndex } from '../search/knowledge-index.ts';
import type { Platform, Store } from '../store/store.ts';
import { tipStatements } from '../tips/rotation.ts';
import { parseIntent, type Intent } from './intent.ts';
import { sourcesOf, viewStatement, type Reply, type ReplySection, type Suggestion } from './reply.ts';

export interface KnowledgeSource {
  readonly current: KnowledgeIndex;
}

export interface ConversationContext {
  platform: Platform;
  /** "/ledelse " in Slack, "" where people just write the word. */
  commandPrefix?: string;
}

/** How many statements a free question gets. */
export const ANSWER_COUNT = 3;

export const DIRECTION_SUGGESTIONS: Suggestion[] = [
  ...LEADING_DIRECTIONS.map((d) => ({ command: d, label: DIRECTION_LABEL[d] })),
  { command: 'bungay', label: 'Bungays model og budgetprocessen' },
];

/** Statements that are advice: everything but the remarks about the meeting itself. */
export function adviceStatements(statements: readonly Statement[]): Statement[] {
  return statements.filter((s) => s.kind !== 'meeting');
}

export class Conversation {
  constructor(
    private readonly knowledge: KnowledgeSource,
    private readonly store?: Store,
  ) {}

  get index(): KnowledgeIndex {
    return this.knowledge.current;
  }

  /** Parses and answers a message. Subscriptions and channel settings are the caller's. */
  async handle(text: string, ctx: ConversationContext): Promise<Reply> {
    return this.reply(parseIntent(text), ctx);
  }

  async reply(intent: Intent, ctx: ConversationContext): Promise<Reply> {
    switch (intent.type) {
      case 'help':
        return this.help(ctx);
      case 'direction':
        return this.direction(intent.direction, intent.kind);
      case 'general':
        return this.general(intent.kind);
      case 'tip':
        return this.tip(this.randomAdvice());
      case 'question':
        return this.question(intent.text, ctx);
      case 'tip-invalid-time':
        return this.error(
          'Ugyldigt tidspunkt',
          `"${intent.given}" er ikke et klokkeslæt. Skriv fx ${ctx.commandPrefix ?? ''}tip abonner 08:30.`,
        );
      default:
        // Subscriptions and question channels change platform state; the front end handles them.
        return this.help(ctx);
    }
  }

  help(ctx: ConversationContext): Reply {
    const p = ctx.commandPrefix ?? '';
    const commands = [
      ...LEADING_DIRECTIONS.map((d) => ({
        command: `${p}${d}`,
        description: `Gør og undgå ${d === 'til siden' ? 'til siden' : d} — ${DIRECTION_DESCRIPTION[d]}`,
      })),
      { command: `${p}nedad undgå`, description: 'Kun det, grupperne mener, man skal undgå (eller "gør" for det modsatte)' },
      { command: `${p}bungay`, description: 'Bemærkninger om Bungays model (brief og backbrief) og budgetprocessen' },
      { command: `${p}tip`, description: 'Et tip fra ledelsesgrupperne' },
      { command: `${p}tip abonner 08:30`, description: 'Dagligt tip i denne kanal på hverdage (også "tip afmeld" og "tip status")' },
      { command: `${p}<dit spørgsmål>`, description: 'Fx "Hvordan fortæller jeg mine medarbejdere om nedskæringerne?"' },
    ];
    return {
      type: 'help',
      title: 'Sådan bruger du Ledelsesbot',
      intro:
        'Ledelsesbot kender de gør og undgå, som kommunens tværgående ledelsesgrupper skrev ned den 22. maj 2024 om at lede opad, nedad, til siden og udad i en budget- og spareproces. Vælg en retning, eller stil et spørgsmål med dine egne ord.',
      sections: [],
      suggestions: DIRECTION_SUGGESTIONS,
      commands,
      sources: [],
      actions: [],
    };
  }

  private view(statements: readonly Statement[]) {
    return statements.map((s) => viewStatement(s, this.index.kb.sources));
  }

  private sectionsByKind(statements: readonly Statement[], kind?: 'do' | 'dont'): ReplySection[] {
    const kinds: Kind[] = kind ? [kind] : ['do', 'dont', 'wish', 'remark'];
    const sections: ReplySection[] = [];
    for (const k of kinds) {
      const list = statements.filter((s) => s.kind === k);
      if (list.length) sections.push({ title: SECTION_TITLE[k], kind: k, statements: this.view(list) });
    }
    return sections;
  }

  direction(direction: Exclude<Direction, 'general'>, kind?: 'do' | 'dont'): Reply {
    const statements = this.index.kb.statements.filter((s) => s.direction === direction);
    const sections = this.sectionsByKind(statements, kind);
    const narrowed = kind ? ` — ${KIND_LABEL[kind].toLowerCase()}` : '';
    return {
      type: 'direction',
      title: `${DIRECTION_LABEL[direction]}${narrowed}`,
      intro: `Det sagde ledelsesgrupperne om at lede ${DIRECTION_SHORT[direction]} (${DIRECTION_DESCRIPTION[direction]}).`,
      sections,
      suggestions: DIRECTION_SUGGESTIONS.filter((s) => s.command !== direction),
      sources: sourcesOf(sections),
      actions: [],
    };
  }

  general(kind?: 'do' | 'dont'): Reply {
    const statements = adviceStatements(this.index.kb.statements).filter(
      (s) => s.direction === 'general' && (!kind || s.kind === kind),
    );
    const topics = new Map<string, Statement[]>();
    for (const s of statements) {
      const t = s.topic ?? 'Generelle bemærkninger';
      topics.set(t, [...(topics.get(t) ?? []), s]);
    }
    const sections: ReplySection[] = [...topics].map(([title, list]) => ({ title, statements: this.view(list) }));
    return {
      type: 'general',
      title: 'Bungays model og budgetprocessen',
      intro: 'Gruppernes bemærkninger om Stephen Bungays model (brief og backbrief) og om budgetprocessen.',
      sections,
      suggestions: DIRECTION_SUGGESTIONS.filter((s) => s.command !== 'bungay'),
      sources: sourcesOf(sections),
      actions: [],
    };
  }

  /** A tip now: one of the statements the daily tip rotates through (the do's and don'ts). */
  private randomAdvice(): Statement {
    const tips = tipStatements(this.index.kb.statements);
    return tips[Math.floor(Math.random() * tips.length)]!;
  }

  /** A reply showing one statement as a tip, with "Flere om <retning>" and feedback. */
  tip(statement: Statement, title = 'Et tip fra ledelsesgrupperne'): Reply {
    const view = viewStatement(statement, this.index.kb.sources);
    const sections: ReplySection[] = [{ statements: [view] }];
    const moreCommand = statement.direction === 'general' ? 'bungay' : statement.direction;
    const moreLabel = statement.direction === 'general' ? 'Flere om Bungays model' : `Flere om ledelse ${DIRECTION_SHORT[statement.direction]}`;
    return {
      type: 'tip',
      title,
      sections,
      suggestions: [],
      sources: sourcesOf(sections),
      actions: [
        { type: 'more', command: moreCommand, label: moreLabel },
        { type: 'feedback', statementIds: [statement.id], questionHash: `tip:${statement.id}` },
      ],
    };
  }

  async question(text: string, ctx: ConversationContext): Promise<Reply> {
    const result = this.index.answerer.answer(text, { top: ANSWER_COUNT });
    const questionHash = this.store ? await this.store.recordQuestion(text, result.answered, ctx.platform) : '';
    return this.answer(result, questionHash);
  }

  /** The reply for a search result: the statements found, or an honest "no good match". */
  answer(result: Answer, questionHash = ''): Reply {
    if (!result.answered) return this.noMatch();
    const sections: ReplySection[] = [{ statements: this.view(result.hits.map((h) => h.statement)) }];
    return {
      type: 'answer',
      title: 'Det sagde ledelsesgrupperne',
      intro: 'De udsagn fra ledelsesgrupperne, der passer bedst til dit spørgsmål:',
      sections,
      suggestions: [],
      sources: sourcesOf(sections),
      actions: [{ type: 'feedback', statementIds: sections[0]!.statements.map((s) => s.id), questionHash }],
    };
  }

  noMatch(): Reply {
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

  error(title: string, message: string): Reply {
    return { type: 'error', title, intro: message, sections: [], suggestions: [], sources: [], actions: [] };
  }

  info(title: string, message: string): Reply {
    return { type: 'info', title, intro: message, sections: [], suggestions: [], sources: [], actions: [] };
  }
}

const SECTION_TITLE: Record<Kind, string> = {
  do: 'Gør',
  dont: 'Undgå',
  wish: 'Ønsker',
  remark: 'Bemærkninger',
  meeting: 'Om mødet',
};
