// What the local page can ask for. Each handler takes parsed input and returns the status and
// JSON body to send; the HTTP plumbing (body limits, headers, routing) is in server.ts.
// Answers come from the shared conversation as the same Reply model Slack and Teams render.

import { z } from 'zod';
import type { MessageContext } from '../bot/context.ts';
import type { Conversation } from '../bot/conversation.ts';
import type { Reply } from '../bot/reply.ts';
import type { TodaysTip } from '../tips/today.ts';

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
  /** The question answered, so a 👎 can offer to send it to HR (nothing is sent before that click). */
  question: z.string().max(4000).optional(),
});

const QuestionId = z.string().regex(/^q[0-9a-f]{12}$/, 'ukendt spørgsmål');

/** The page's buttons and forms for "Spørg HR". */
export const ActionBody = z.object({
  action: z.discriminatedUnion(
    'type',
    [
      z.object({ type: z.literal('hr-offer'), question: z.string().min(1).max(4000), nearest: z.array(StatementId).max(5) }),
      z.object({ type: z.literal('submit'), form: z.literal('hr-ask'), values: z.record(z.string(), z.string().max(4000)) }),
      z.object({ type: z.literal('hr-inbox'), questionIds: z.array(QuestionId).max(50) }),
    ],
    { error: 'Feltet "action" er ikke en handling, siden kender.' },
  ),
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

/** What the page needs from the app: the conversation and today's tip. */
export interface WebCore {
  conversation: Conversation;
  todaysTip: TodaysTip;
}

/** The page's platform name, as stored with questions and feedback. */
export const WEB_PLATFORM = 'web';

/** The page has no channels: no subscriptions, no question channels, and it says where they are. */
export const WEB_CONTEXT: MessageContext = {
  platform: WEB_PLATFORM,
  commandPrefix: '',
  capabilities: { tipSubscriptions: false, questionChannels: false, forms: true, knowsName: false },
  wording: {
    hrAnswerArrives: 'Svaret vises her på siden, når HR har svaret — også hvis du lukker siden og åbner den igen senere.',
    hrChannelSetup: { title: 'HR-kanaler er til Slack og Teams', text: 'På den lokale side ser HR spørgsmålene på /hr.' },
    noTipSubscriptions: { title: 'Daglige tips er til Slack og Teams', text: TIP_SUBSCRIPTION_INFO },
    noQuestionChannels: { title: 'Spørgsmålskanaler er til Slack og Teams', text: QUESTION_CHANNEL_INFO },
  },
};

/** Answers one message from the page on the shared core. */
export async function answerMessage(core: WebCore, text: string): Promise<Reply> {
  const reply = await core.conversation.respond({ type: 'message', text }, WEB_CONTEXT);
  // Only an unasked message or a repeated delivery goes unanswered, and the page sends neither.
  if (!reply) throw new Error('the conversation gave no reply to a message from the page');
  return reply;
}

export async function postMessage(core: WebCore, input: unknown): Promise<ApiResult> {
  const parsed = MessageBody.safeParse(input);
  if (!parsed.success) return { status: 400, body: { error: describeInputError(parsed.error) } };
  return { status: 200, body: { reply: await answerMessage(core, parsed.data.text) } };
}

export async function postFeedback(core: WebCore, input: unknown): Promise<ApiResult> {
  const parsed = FeedbackBody.safeParse(input);
  if (!parsed.success) return { status: 400, body: { error: describeInputError(parsed.error) } };
  const reply = await core.conversation.respond({ type: 'action', action: { type: 'feedback', ...parsed.data } }, WEB_CONTEXT);
  if (reply?.type !== 'thanks') return { status: 400, body: { error: `Forespørgslen er ugyldig (felt "statementIds"): ${reply?.intro ?? 'ukendt udsagn'}` } };
  // After a 👎 on a question the reply offers to send it to HR.
  const offer = reply.actions.length ? { reply } : {};
  return { status: 200, body: { ok: true, message: 'Tak for din feedback', ...offer } };
}

export async function postAction(core: WebCore, input: unknown): Promise<ApiResult> {
  const parsed = ActionBody.safeParse(input);
  if (!parsed.success) return { status: 400, body: { error: describeInputError(parsed.error) } };
  const reply = await core.conversation.respond({ type: 'action', action: parsed.data.action }, WEB_CONTEXT);
  return { status: 200, body: { reply } };
}

export function getTip(core: WebCore): ApiResult {
  return { status: 200, body: { reply: core.todaysTip() } };
}
