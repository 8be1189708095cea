// What comes back from a button (and, later, a form): typed requests a front end hands to the
// core through the same entry as a message (Conversation.respond). A front end decodes and
// validates its platform's payload into one of these; it never re-parses the reply's text.
//
// A new multi-step conversation (a question sent to HR; brief and backbrief) adds a ReplyAction
// that renders as buttons or a form, and an ActionRequest here for its submission, e.g.
//   { type: 'submit'; form: 'hr-question'; values: Record<string, string> }
// handled in Conversation.act; the front ends only learn to render and return the new shapes.

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
  /** "Send spørgsmålet til HR" was clicked: the core answers with the form to send it. */
  | { type: 'hr-offer'; question: string; nearest: string[] }
  /** HR's "Svar": the answer form for the question. */
  | { type: 'hr-open'; questionId: string }
  /** HR's "Ikke relevant". */
  | { type: 'hr-dismiss'; questionId: string; person?: Person }
  /** "Fjern" on a saved HR answer. */
  | { type: 'hr-remove'; answerId: string }
  /** A filled-in form, with its hidden values among `values`; `person` as the platform knows them. */
  | { type: 'submit'; form: FormId; values: Record<string, string>; person?: Person }
  /** The local page asks for answers that have arrived to the questions it sent. */
  | { type: 'hr-inbox'; questionIds: string[] };
