// Environment → typed settings, validated in one place. Every environment variable the app
// reads is named here and documented in README and .env.example.

import path from 'node:path';
import { z } from 'zod';

const bool = z
  .string()
  .trim()
  .toLowerCase()
  .transform((v, ctx) => {
    if (['1', 'true', 'ja', 'yes', 'on'].includes(v)) return true;
    if (['0', 'false', 'nej', 'no', 'off', ''].includes(v)) return false;
    ctx.addIssue({ code: 'custom', message: 'skal være true eller false' });
    return z.NEVER;
  });

const list = z
  .string()
  .transform((v) => v.split(/[\s,]+/).map((x) => x.trim()).filter(Boolean));

const time = z.string().trim().regex(/^([01]?\d|2[0-3])[:.][0-5]\d$/, 'skal være et klokkeslæt som 08:30').transform((v) => {
  const [h, m] = v.split(/[:.]/);
  return `${h!.padStart(2, '0')}:${m}`;
});

const port = z.coerce.number().int().min(0).max(65535);
const optional = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

export const EnvSchema = z.object({
  PORT: port.default(3000),
  HOST: optional,
  DATA_DIR: optional,
  DB_FILE: z.string().trim().min(1).default(path.join('state', 'ledelsesbot.json')),
  RETENTION_DAYS: z.coerce.number().int().min(1).default(365),
  /** PostgreSQL instead of DB_FILE: postgres://user:password@host:5432/db (?sslmode=require in Azure). */
  DATABASE_URL: optional.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), 'skal begynde med postgres:// eller postgresql://'),
  /** Connections each instance may hold to PostgreSQL. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(100).default(10),
  /** Seconds SIGTERM waits for answers in flight before the process exits. */
  SHUTDOWN_TIMEOUT: z.coerce.number().min(0).max(600).default(10),
  /** Days a brief is kept after it closed or its deadline passed. */
  BRIEF_RETENTION_DAYS: z.coerce.number().int().min(0).default(30),

  SLACK_APP_TOKEN: optional,
  SLACK_BOT_TOKEN: optional,
  SLACK_SIGNING_SECRET: optional,
  SLACK_API_URL: optional,
  QUESTION_CHANNELS: list.default([]),

  TIP_CHANNELS: list.default([]),
  TIP_TIME: time.default('08:30'),
  TIP_CUTOFF: time.default('15:00'),
  TIP_SKIP_DEC24: bool.default(true),
  TIP_SKIP_DEC31: bool.default(true),
  TIP_SKIP_GRUNDLOVSDAG: bool.default(true),

  CLIENT_ID: optional,
  CLIENT_SECRET: optional,
  TENANT_ID: optional,
  TEAMS_PORT: port.default(3978),
  /** Where the Teams endpoint listens when CLIENT_ID is set (all interfaces if unset). Without it: 127.0.0.1 only. */
  TEAMS_HOST: optional,

  /** Spørg HR: the Slack channel that receives the questions leaders send to HR. */
  HR_CHANNEL: optional,
  /** Days a question to HR is kept after it was answered or closed. */
  HR_RETENTION_DAYS: z.coerce.number().int().min(1).default(90),
  /** When the weekly summary comes in the HR channel on the week's first working day (Copenhagen). */
  HR_SUMMARY_TIME: time.default('08:00'),
});

export type Config = z.infer<typeof EnvSchema>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Reads settings from an environment (process.env by default). Never logs secret values. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Ugyldige indstillinger i miljøet (.env):\n${lines.join('\n')}`);
  }
  return parsed.data;
}
