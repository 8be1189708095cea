// The replies built from the knowledge base alone: help, a direction's list, the Bungay remarks,
// a tip, and the short info and error notices. Questions have their own module (questions.ts).

import { tipStatements, adviceStatements } from '../knowledge/advice.ts';
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
import type { KnowledgeIndex } from '../search/knowledge-index.ts';
import type { Capabilities } from './context.ts';
import { sourcesOf, viewStatement, type Reply, type ReplySection, type StatementView, type Suggestion } from './reply.ts';

/** The knowledge as it is now; a live edit replaces `current`. */
export interface KnowledgeSource {
  readonly current: KnowledgeIndex;
}

export const DIRECTION_SUGGESTIONS: Suggestion[] = [
  ...LEADING_DIRECTIONS.map((d) => ({ command: d, label: DIRECTION_LABEL[d] })),
  { command: 'bungay', label: 'Bungays model og budgetprocessen' },
];

const SECTION_TITLE: Record<Kind, string> = {
  do: 'Gør',
  dont: 'Undgå',
  wish: 'Ønsker',
  remark: 'Bemærkninger',
  meeting: 'Om mødet',
};

export interface HelpContext {
  commandPrefix: string;
  /** Commands the platform cannot carry out are left out. */
  capabilities?: Pick<Capabilities, 'tipSubscriptions'>;
}

export class Replies {
  constructor(private readonly knowledge: KnowledgeSource) {}

  /** Statements as a front end shows them, with labels and source. */
  view(statements: readonly Statement[]): StatementView[] {
    const { sources } = this.knowledge.current.kb;
    return statements.map((s) => viewStatement(s, sources));
  }

  help(ctx: HelpContext): Reply {
    const p = ctx.commandPrefix;
    const commands = [
      ...LEADING_DIRECTIONS.map((d) => ({
        command: `${p}${d}`,
        description: `Gør og undgå ${d === 'til siden' ? 'til siden' : d} — ${DIRECTION_DESCRIPTION[d]}`,
      })),
      { command: `${p}nedad undgå`, description: 'Kun det, grupperne mener, man skal undgå (eller "gør" for det modsatte)' },
      { command: `${p}bungay`, description: 'Bemærkninger om Bungays model (brief og backbrief) og budgetprocessen' },
      { command: `${p}tip`, description: 'Et tip fra ledelsesgrupperne' },
      { command: `${p}brief`, description: 'Giv et brief med hensigt, rammer og frist, og få backbrief fra modtagerne (se dem med "brief status")' },
      ...(ctx.capabilities?.tipSubscriptions === false
        ? []
        : [{ command: `${p}tip abonner 08:30`, description: 'Dagligt tip i denne kanal på hverdage (også "tip afmeld" og "tip status")' }]),
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

  direction(direction: Exclude<Direction, 'general'>, kind?: 'do' | 'dont'): Reply {
    const statements = this.knowledge.current.kb.statements.filter((s) => s.direction === direction);
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
    const statements = adviceStatements(this.knowledge.current.kb.statements).filter(
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
  randomTip(): Reply {
    const tips = tipStatements(this.knowledge.current.kb.statements);
    return this.tip(tips[Math.floor(Math.random() * tips.length)]!);
  }

  /** A reply showing one statement as a tip, with "Flere om <retning>" and feedback. */
  tip(statement: Statement, title = 'Et tip fra ledelsesgrupperne'): Reply {
    const sections: ReplySection[] = [{ statements: this.view([statement]) }];
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

  error(title: string, message: string): Reply {
    return notice('error', title, message);
  }

  info(title: string, message: string): Reply {
    return notice('info', title, message);
  }

  thanks(): Reply {
    return notice('thanks', 'Tak for din feedback', 'Din vurdering hjælper med at gøre svarene bedre.');
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
}

function notice(type: 'error' | 'info' | 'thanks', title: string, message: string): Reply {
  return { type, title, intro: message, sections: [], suggestions: [], sources: [], actions: [] };
}
