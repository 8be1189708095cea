// What the local page can ask for. Each handler takes parsed input and returns the status and
// JSON body to send; the HTTP plumbing (body limits, headers, routing) is in server.ts.
// Answers come from the shared conversation as the same Reply model Slack and Teams render.

import { z } from 'zod';
import type { MessageContext } from '../bot/context.ts';
import type { Conversation } from '../bot/conversation.ts';
import { decodeButtonRequest, type ActionRequest } from '../bot/actions.ts';
import type { Reply } from '../bot/reply.ts';
import type { TodaysTip } from '../tips/today.ts';
import type { WebMailbox } from './mailbox.ts';

export interface ApiResult {
  status: number;
  body: unknown;
}

/**
 * Who the person on the page says they are, for brief and backbrief. The page has no login and
 * listens on this machine only: the name is a way to try the flow as leader and as recipient.
 */
export const WebUser = z
  .string({ error: 'Feltet "as" skal være et navn.' })
  .transform((v) => v.replace(/\s+/g, ' ').trim())
  .pipe(z.string().min(1, 'skriv dit navn').max(60, 'højst 60 tegn'));

export const MessageBody = z.object({
  text: z.string({ error: 'Feltet "text" skal være en tekst.' }),
  as: WebUser.optional(),
});

const FormValue = z.union([z.string().max(20_000), z.array(z.string().max(200)).max(50)]);
const SubmitRequest = z.object({
  type: z.literal('submit'),
  form: z.enum(['brief', 'backbrief']),
  ref: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/).optional(),
  values: z.record(z.string().max(40), FormValue),
});

export const ActionBody = z.object({ action: z.unknown(), as: WebUser });

/** True when the body's action names an HR action type (or is an HR form's submission). */
function isHrType(input: unknown): boolean {
  const action = typeof input === 'object' && input !== null ? (input as { action?: unknown }).action : undefined;
  if (typeof action !== 'object' || action === null) return false;
  const { type, form } = action as { type?: unknown; form?: unknown };
  return (typeof type === 'string' && type.startsWith('hr-')) || (type === 'submit' && typeof form === 'string' && form.startsWith('hr-'));
}

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

/** The page's buttons and forms for "Spørg HR" (anonymous: no `as`). */
export const HrActionBody = z.object({
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
  /** Messages for people (brief and backbrief), when the page carries them. */
  mailbox?: WebMailbox;
}

function webContext(user: string | undefined): MessageContext {
  return user ? { ...WEB_CONTEXT, user } : WEB_CONTEXT;
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
export async function answerMessage(core: WebCore, text: string, user?: string): Promise<Reply> {
  const reply = await core.conversation.respond({ type: 'message', text }, webContext(user));
  // Only an unasked message or a repeated delivery goes unanswered, and the page sends neither.
  if (!reply) throw new Error('the conversation gave no reply to a message from the page');
  return reply;
}

export async function postMessage(core: WebCore, input: unknown): Promise<ApiResult> {
  const parsed = MessageBody.safeParse(input);
  if (!parsed.success) return { status: 400, body: { error: describeInputError(parsed.error) } };
  return { status: 200, body: { reply: await answerMessage(core, parsed.data.text, parsed.data.as) } };
}

/**
 * A button's request or a filled-in form: one of "Spørg HR" (anonymous), or of brief and
 * backbrief on behalf of `as`.
 */
export async function postAction(core: WebCore, input: unknown): Promise<ApiResult> {
  const hr = HrActionBody.safeParse(input);
  if (hr.success) {
    const reply = await core.conversation.respond({ type: 'action', action: hr.data.action }, WEB_CONTEXT);
    return { status: 200, body: { reply } };
  }
  const parsed = ActionBody.safeParse(input);
  if (!parsed.success) {
    // Neither kind: the HR action's message when it claimed to be one, else the brief's.
    const claimed = isHrType(input);
    return { status: 400, body: { error: describeInputError(claimed ? hr.error : parsed.error) } };
  }
  const submit = SubmitRequest.safeParse(parsed.data.action);
  let action: ActionRequest | undefined;
  if (submit.success) {
    const { ref, ...rest } = submit.data;
    action = { ...rest, ...(ref ? { ref } : {}) };
  } else action = decodeButtonRequest(parsed.data.action);
  if (!action) return { status: 400, body: { error: 'Forespørgslen er ugyldig (felt "action"): den knap kender jeg ikke.' } };
  const reply = await core.conversation.respond({ type: 'action', action }, webContext(parsed.data.as));
  if (!reply) throw new Error('the conversation gave no reply to an action from the page');
  return { status: 200, body: { reply } };
}

/** What has been sent to a person on this page (a brief, a backbrief, a reminder), newest first. */
export function getMail(core: WebCore, as: string | null): ApiResult {
  const user = WebUser.safeParse(as ?? '');
  if (!user.success) return { status: 400, body: { error: describeInputError(user.error) } };
  return { status: 200, body: { messages: core.mailbox?.messages(user.data) ?? [] } };
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


export function getTip(core: WebCore): ApiResult {
  return { status: 200, body: { reply: core.todaysTip() } };
}
