// What every front end gets: settings, the live knowledge, the conversation, the store and
// the tip service. Front ends never reach into each other.

import type { Conversation } from './bot/conversation.ts';
import type { Config } from './config.ts';
import type { LiveKnowledge } from './search/knowledge-index.ts';
import type { Store } from './store/store.ts';
import type { TipService } from './tips/types.ts';

export interface Logger {
  info(line: string): void;
  warn(line: string): void;
  error(line: string): void;
}

export const consoleLogger: Logger = {
  info: (l) => console.log(l),
  warn: (l) => console.warn(l),
  error: (l) => console.error(l),
};

export interface AppDeps {
  config: Config;
  knowledge: LiveKnowledge;
  conversation: Conversation;
  store: Store;
  tips: TipService;
  log: Logger;
}

/** A started front end. */
export interface RunningFrontEnd {
  name: string;
  /** Where it listens, for the start-up log. */
  address?: string;
  stop(): Promise<void>;
}
