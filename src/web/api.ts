// What the local page can ask for. Each handler takes parsed input and returns the status and
// JSON body to send; the HTTP plumbing (body limits, headers, routing) is in server.ts.
// Answers come from the shared conversation as the same Reply model Slack and Teams render.

import { z } from 'zod';
import type { AppDeps } from '../app.ts';
import { parseIntent } from '../bot/intent.ts';
import type { Reply } from '../bot/reply.ts';

export interface ApiResult {
  status: number;
  body: unknown;
}

export const MessageBody = z.object({
  text: z.string({ error: 'Feltet "text" skal være en tekst.' }),
});

/** Statement ids as data/statements.json writes them: "nedad-03". */
const StatementId = z.string().regex(/^[a-z0-9-]{1,60}$/, 'ukendt udsagns-id');

export const FeedbackBody = z.object({
  statementIds: z.array(StatementId, { error: 'Feltet "statementIds" skal være en liste af udsagns-id\'er.' }).min(1, 'mindst ét udsagn').max(50, 'højst 50 udsagn'),
  // Only what the server handed out: a salted hash of a question, or "tip:<id>". Anything else
  // could smuggle readable text into the store.
  questionHash: z.string().regex(/^(?:[0-9a-f]{32}|tip:[a-z0-9-]{1,60}|)$/, 'ugyldig spørgsmålsnøgle'),
  vote: z.enum(['up', 'down'], { error: 'Feltet "vote" skal være "up" eller "down".' }),
});

/** Danish text for a zod failure: the first problem, with the field it is about. */
export function describeInputError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'Forespørgslen er ugyldig.';
  const field = issue.path.length ? ` (felt "${issue.path.join('.')}")` : '';
  const message = issue.code === 'invalid_type' && issue.path.length === 0 ? 'Forespørgslen skal være et JSON-objekt.' : issue.message;
  return `Forespørgslen er ugyldig${field}: ${message}`;
}

const TIP_SUBSCRIPTION_INFO =
  'Daglige tips sendes til kanaler i Slack og Teams, ikke til denne side. Skriv "/ledelse tip abonner 08:30" i en Slack-kanal eller "tip abonner 08:30" til Ledelsesbot i en Teams-kanal. Her på siden står dagens tip øverst, og du kan altid skrive "tip".';

const QUESTION_CHANNEL_INFO =
  'Spørgsmålskanaler findes kun i Slack og Teams. Her på siden bliver alt, du skriver, besvaret som et spørgsmål eller en kommando.';

/** Answers one message from the page on the shared core. */
export async function answerMessage(deps: AppDeps, text: string): Promise<Reply> {
  const { conversation } = deps;
  const intent = parseIntent(text);
  switch (intent.type) {
    case 'tip-subscribe':
    case 'tip-unsubscribe':
    case 'tip-status':
    case 'tip-invalid-time':
      return conversation.info('Daglige tips er til Slack og Teams', TIP_SUBSCRIPTION_INFO);
    case 'question-channel':
      return conversation.info('Spørgsmålskanaler er til Slack og Teams', QUESTION_CHANNEL_INFO);
    case 'help': {
      const reply = conversation.help({ platform: 'web', commandPrefix: '' });
      // Subscribing "in this channel" means nothing on the page; the info above says where it does.
      return { ...reply, commands: reply.commands?.filter((c) => !/^tip abonner/.test(c.command)) };
    }
    default:
      return conversation.reply(intent, { platform: 'web', commandPrefix: '' });
  }
}

export async function postMessage(deps: AppDeps, input: unknown): Promise<ApiResult> {
  const parsed = MessageBody.safeParse(input);
  if (!parsed.success) return { status: 400, body: { error: describeInputError(parsed.error) } };
  return { status: 200, body: { reply: await answerMessage(deps, parsed.data.text) } };
}

export async function postFeedback(deps: AppDeps, input: unknown): Promise<ApiResult> {
  const parsed = FeedbackBody.safeParse(input);
  if (!parsed.success) return { status: 400, body: { error: describeInputError(parsed.error) } };
  const { statementIds, questionHash, vote } = parsed.data;
  await deps.store.recordFeedback({ questionHash, statementIds: [...new Set(statementIds)], vote, platform: 'web' });
  return { status: 200, body: { ok: true, message: 'Tak for din feedback' } };
}

export function getTip(deps: AppDeps): ApiResult {
  return { status: 200, body: { reply: deps.tips.todaysTip() } };
}
