// The platform-neutral core, assembled in dependency order from the settings, the live knowledge
// and the store. Each part receives only what it uses; front ends get the conversation (the one
// entry per message), today's tip and the registry for delivering daily tips.

import type { Logger } from './app.ts';
import { channelsFromSetting } from './channels.ts';
import type { Config } from './config.ts';
import type { BriefHandler, TipCommandHandler } from './bot/context.ts';
import { createBriefCore, type BriefCore } from './brief/index.ts';
import { Conversation } from './bot/conversation.ts';
import { FeedbackBox } from './bot/feedback.ts';
import { QuestionChannels } from './bot/question-channels.ts';
import { Questions } from './bot/questions.ts';
import { Replies, type KnowledgeSource } from './bot/replies.ts';
import { createHrCore, type HrCore } from './hr/index.ts';
import type { Store } from './store/store.ts';
import { calendarFromConfig } from './tips/calendar.ts';
import { createTipCore, type TipCore, type TipCoreOptions } from './tips/index.ts';

export interface ConversationDeps {
  knowledge: KnowledgeSource;
  store: Store;
  replies: Replies;
  tipCommands: TipCommandHandler;
  /** "<platform>:<channel>" keys that are always question channels (QUESTION_CHANNELS). */
  pinnedQuestionChannels?: ReadonlySet<string>;
  /** Brief and backbrief (src/brief). */
  briefs?: BriefHandler;
  /** "Spørg HR"; without it no question is offered to HR. */
  hr?: HrCore;
}

/** The conversation and its parts, on the given tip commands. */
export function createConversation(deps: ConversationDeps): Conversation {
  const { knowledge, store, replies, tipCommands } = deps;
  const hr = deps.hr?.service;
  return new Conversation({
    knowledge,
    replies,
    questions: new Questions(knowledge, replies, store, hr),
    questionChannels: new QuestionChannels(store, deps.pinnedQuestionChannels ?? new Set(), replies),
    feedback: new FeedbackBox(knowledge, store, replies, hr),
    tipCommands,
    deliveries: store,
    ...(deps.briefs ? { briefs: deps.briefs } : {}),
    ...(hr ? { hr } : {}),
  });
}

export interface Core {
  replies: Replies;
  tips: TipCore;
  brief: BriefCore;
  hr: HrCore;
  conversation: Conversation;
}

/** The brief core's settings, from the configuration. */
export function briefSettings(config: Config) {
  return { calendar: calendarFromConfig(config), cutoff: config.TIP_CUTOFF, retentionDays: config.BRIEF_RETENTION_DAYS };
}

/** "Spørg HR"'s settings, from the configuration; an invalid HR_CHANNEL is logged and left out. */
export function hrSettings(config: Config, log: Logger) {
  return {
    configuredDesks: channelsFromSetting('HR_CHANNEL', config.HR_CHANNEL ? [config.HR_CHANNEL] : [], log),
    retentionDays: config.HR_RETENTION_DAYS,
    calendar: calendarFromConfig(config),
    summaryTime: config.HR_SUMMARY_TIME,
    cutoff: config.TIP_CUTOFF,
  };
}

export function createCore(
  deps: { config: Config; knowledge: KnowledgeSource; store: Store; log: Logger },
  options: TipCoreOptions = {},
): Core {
  const { config, knowledge, store, log } = deps;
  const replies = new Replies(knowledge);
  const tips = createTipCore(
    {
      store,
      knowledge,
      replies,
      log,
      settings: {
        calendar: calendarFromConfig(config),
        time: config.TIP_TIME,
        cutoff: config.TIP_CUTOFF,
        channels: channelsFromSetting('TIP_CHANNELS', config.TIP_CHANNELS, log),
      },
    },
    options,
  );
  const brief = createBriefCore(
    {
      store,
      knowledge,
      replies,
      log,
      settings: briefSettings(config),
    },
    { ...(options.now ? { now: options.now } : {}), ...(options.cron !== undefined ? { cron: options.cron } : {}) },
  );
  const hr = createHrCore(
    {
      store,
      knowledge,
      replies,
      log,
      settings: hrSettings(config, log),
    },
    options.now,
  );
  tips.scheduler.addJob((now) => hr.summary.run(now));
  const pinned = new Set(channelsFromSetting('QUESTION_CHANNELS', config.QUESTION_CHANNELS, log).map((c) => c.key));
  const conversation = createConversation({ knowledge, store, replies, tipCommands: tips.commands, pinnedQuestionChannels: pinned, briefs: brief.briefs, hr });
  return { replies, tips, brief, hr, conversation };
}
