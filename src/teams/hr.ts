// "Spørg HR" for Teams: questions are posted as cards into the HR channel that registered itself
// ("hr kanal til"), updated in place when answered, and HR's answer goes to the leader through
// the conversation reference kept with the question (until it is delivered).

import type { Reply } from '../bot/reply.ts';
import type { HrFrontEnd, HrSendResult } from '../hr/front-ends.ts';
import { errorMessage } from '../shared/errors.ts';
import { isConversationRef, type TeamsConversationRef } from './conversation-refs.ts';

export interface TeamsHrSender {
  /** Posts a reply as cards; the first card's activity id comes back. */
  send(ref: TeamsConversationRef, reply: Reply): Promise<string | undefined>;
  /** Replaces a posted card. */
  update(ref: TeamsConversationRef, activityId: string, reply: Reply): Promise<void>;
}

function failure(err: unknown): HrSendResult {
  const status = (err as { response?: { status?: unknown } })?.response?.status;
  if (status === 403) return { ok: false, gone: true, note: 'Ledelsesbot har ikke længere adgang til samtalen i Teams (appen er fjernet, eller personen har blokeret den).' };
  if (status === 404) return { ok: false, gone: true, note: 'Samtalen findes ikke længere i Teams.' };
  return { ok: false, gone: false, note: typeof status === 'number' ? `Teams svarede HTTP ${status}.` : `Teams kunne ikke nås: ${errorMessage(err)}.` };
}

export function createTeamsHrFrontEnd(sender: TeamsHrSender): HrFrontEnd {
  return {
    label: 'Teams',
    async postToDesk(desk, reply) {
      if (!isConversationRef(desk.address)) return { ok: false, gone: true, note: 'HR-kanalens adresse i Teams kendes ikke. Skriv "hr kanal til" i kanalen igen.' };
      try {
        const id = await sender.send(desk.address, reply);
        return id ? { ok: true, ref: id } : { ok: true };
      } catch (err) {
        return failure(err);
      }
    },
    async updateDeskPost(desk, ref, reply) {
      if (!isConversationRef(desk.address) || typeof ref !== 'string') return { ok: false, gone: true, note: 'Kortet i HR-kanalen kendes ikke.' };
      try {
        await sender.update(desk.address, ref, reply);
        return { ok: true };
      } catch (err) {
        return failure(err);
      }
    },
    async deliverToAsker(asker, reply) {
      if (!isConversationRef(asker)) return { ok: false, gone: true, note: 'Ledelsesbot ved ikke længere, hvor spørgsmålet kom fra.' };
      try {
        await sender.send(asker, reply);
        return { ok: true };
      } catch (err) {
        return failure(err);
      }
    },
  };
}
