// What comes back from a button (and, later, a form): typed requests a front end hands to the
// core through the same entry as a message (Conversation.respond). A front end decodes and
// validates its platform's payload into one of these; it never re-parses the reply's text.
//
// A new multi-step conversation (a question sent to HR; brief and backbrief) adds a ReplyAction
// that renders as buttons or a form, and an ActionRequest here for its submission, e.g.
//   { type: 'submit'; form: 'hr-question'; values: Record<string, string> }
// handled in Conversation.act; the front ends only learn to render and return the new shapes.

import { z } from 'zod';
import type { Vote } from '../store/store.ts';
import type { FormId } from './reply.ts';

/** Who did something, as the platform knows them (only kept when a leader chooses to send their name). */
export interface Person {
  name?: string;
}

export type ActionRequest =
  /** 👍/👎 on the statements a reply showed. */
  | {
      type: 'feedback';
      vote: Vote;
      statementIds: string[];
      questionHash: string;
      /** The question the statements answered, when the button knows it: a 👎 then offers to send it to HR. */
      question?: string;
    }
  /**
   * Show an answer again, without side effects (share, "Flere om …", "Vis flere", a suggestion):
   * `command` as the core read it (Reply.asked.text); a tip by its statement; a question's
   * feedback keeps counting with the original question's hash.
   */
  | { type: 'show'; command: string; statementId?: string; questionHash?: string }
  /** Show a form (the backbrief form of a brief; a new brief). */
  | { type: 'open-form'; form: FormId; ref?: string }
  /**
   * A filled-in form: values by field id (brief's people fields as lists of user ids; HR's forms
   * carry their hidden values among `values`); `person` as the platform knows them.
   */
  | { type: 'submit'; form: FormId; ref?: string; values: Record<string, string | string[]>; person?: Person }
  /** The author closes a brief. */
  | { type: 'brief-close'; ref: string }
  /** The person's briefs: those they gave, with the backbriefs, and those given to them. */
  | { type: 'brief-status' }
  /** "Send spørgsmålet til HR" was clicked: the core answers with the form to send it. */
  | { type: 'hr-offer'; question: string; nearest: string[] }
  /** HR's "Svar": the answer form for the question. */
  | { type: 'hr-open'; questionId: string }
  /** HR's "Ikke relevant". */
  | { type: 'hr-dismiss'; questionId: string; person?: Person }
  /** "Fjern" on a saved HR answer. */
  | { type: 'hr-remove'; answerId: string }
  /** The local page asks for answers that have arrived to the questions it sent. */
  | { type: 'hr-inbox'; questionIds: string[] };

/** Ids the core hands out for briefs: never longer, never anything but these characters. */
const Ref = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/);

/**
 * The requests a generic button (ReplyAction 'button') may carry, checked when they come back:
 * a front end decodes a button's value with this and hands the result to the core. Whether the
 * person may do it is the core's check.
 */
export const ButtonRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('open-form'), form: z.enum(['brief', 'backbrief']), ref: Ref.optional() }),
  z.object({ type: z.literal('brief-close'), ref: Ref }),
  z.object({ type: z.literal('brief-status') }),
]);

/** A button's request, or undefined when the value is not one (forged, stale, too long). */
export function decodeButtonRequest(value: unknown): ActionRequest | undefined {
  let data = value;
  if (typeof value === 'string') {
    if (value.length > 2000) return undefined;
    try {
      data = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  const parsed = ButtonRequestSchema.safeParse(data);
  if (!parsed.success) return undefined;
  const r = parsed.data;
  return r.type === 'open-form' ? { type: 'open-form', form: r.form, ...(r.ref !== undefined ? { ref: r.ref } : {}) } : r;
}
