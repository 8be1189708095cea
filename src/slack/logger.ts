// Bolt's and the Web API client's log lines, passed to the app's logger. Debug output (which
// can include request bodies) is dropped; neither library puts tokens in its messages.

import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../app.ts';

const ORDER = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];

export function boltLogger(log: Logger, initial: LogLevel = LogLevel.WARN): BoltLogger {
  let level = initial;
  const enabled = (l: LogLevel) => ORDER.indexOf(l) >= ORDER.indexOf(level);
  const line = (msg: unknown[]) =>
    `Slack: ${msg.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m))).join(' ')}`;
  return {
    debug: () => undefined,
    info: (...msg: unknown[]) => {
      if (enabled(LogLevel.INFO)) log.info(line(msg));
    },
    warn: (...msg: unknown[]) => {
      if (enabled(LogLevel.WARN)) log.warn(line(msg));
    },
    error: (...msg: unknown[]) => {
      if (enabled(LogLevel.ERROR)) log.error(line(msg));
    },
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
