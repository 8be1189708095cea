// The Teams SDK's logger, routed to ours. The SDK logs objects (activities, HTTP errors with
// their request config); we keep only strings and error messages, so neither what people
// wrote nor a bearer token can reach the log.

import type { ILogger, ILoggerOptions, LogLevel } from '@microsoft/teams.common';
import type { Logger } from '../app.ts';

function describe(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Error) {
    const status = (value as { response?: { status?: number } }).response?.status;
    return status ? `${value.message} (HTTP ${status})` : value.message;
  }
  return undefined;
}

/**
 * The SDK's everyday lines, said in Danish; `null` drops a line that our own start-up log
 * already says better. Anything else passes through as the SDK wrote it.
 */
const KNOWN_LINES: Array<[RegExp, string | null]> = [
  [/^No credentials configured .*dangerouslyAllowUnauthenticatedRequests is enabled/s, null],
  [/missing Authorization header/, 'Teams: en besked uden login-token blev afvist (401).'],
  [/^JWT verification failed: (.*)$/s, 'Teams: en besked med et ugyldigt token blev afvist (401): $1.'],
  [/^JWT validation failed/, null],
];

function redact(text: string): string {
  return text.replace(/Bearer\s+[\w.~+/=-]+/gi, 'Bearer ***').replace(/eyJ[\w-]+\.[\w-]+\.[\w-]*/g, '***').slice(0, 1000);
}

function line(name: string, msg: unknown[]): string | null {
  const text = msg.map(describe).filter((s): s is string => Boolean(s)).join(' ');
  for (const [pattern, danish] of KNOWN_LINES) {
    const m = pattern.exec(text);
    if (m) return danish === null ? null : redact(danish.replace('$1', m[1] ?? ''));
  }
  return redact(`[teams${name ? `:${name}` : ''}] ${text}`);
}

export class SdkLogger implements ILogger {
  loggerOptions?: ILoggerOptions;

  constructor(
    private readonly sink: Logger,
    private readonly name = '',
    /** Info lines from the SDK are chatty start-up notes; off unless asked for. */
    private readonly verbose = false,
  ) {}

  error(...msg: unknown[]): void {
    const text = line(this.name, msg);
    if (text) this.sink.error(text);
  }
  warn(...msg: unknown[]): void {
    const text = line(this.name, msg);
    if (text) this.sink.warn(text);
  }
  info(...msg: unknown[]): void {
    const text = this.verbose ? line(this.name, msg) : null;
    if (text) this.sink.info(text);
  }
  debug(..._msg: unknown[]): void {}
  trace(..._msg: unknown[]): void {}
  log(level: LogLevel, ...msg: unknown[]): void {
    if (level === 'error') this.error(...msg);
    else if (level === 'warn') this.warn(...msg);
    else if (level === 'info') this.info(...msg);
  }
  child(name: string): ILogger {
    return new SdkLogger(this.sink, this.name ? `${this.name}/${name}` : name, this.verbose);
  }
}
