// What comes back from a button (and, later, a form): typed requests a front end hands to the
// core through the same entry as a message (Conversation.respond). A front end decodes and
// validates its platform's payload into one of these; it never re-parses the reply's text.
//
// A new multi-step conversation (a question sent to HR; brief and backbrief) adds a ReplyAction
// that renders as buttons or a form, and an ActionRequest here for its submission, e.g.
//   { type: 'submit'; form: 'hr-question'; values: Record<string, string> }
// handled in Conversation.act; the front ends only learn to render and return the new shapes.

import type { Vote } from '../store/store.ts';

export type ActionRequest =
  /** 👍/👎 on the statements a reply showed. */
  | { type: 'feedback'; vote: Vote; statementIds: string[]; questionHash: string }
  /**
   * Show an answer again, without side effects (share, "Flere om …", "Vis flere", a suggestion):
   * `command` as the core read it (Reply.asked.text); a tip by its statement; a question's
   * feedback keeps counting with the original question's hash.
   */
  | { type: 'show'; command: string; statementId?: string; questionHash?: string };
