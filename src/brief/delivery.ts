// The contract between the brief core and the front ends that carry its messages to people:
// the brief to each recipient, a backbrief to the author, reminders and notes. A front end
// delivers a Reply to one person (a direct message) and says, in the tip core's typed outcome,
// what its platform answered; it words its own platform's problems.

import type { Reply } from '../bot/reply.ts';
import { ByPlatform } from '../shared/by-platform.ts';
import type { DeliveryResult } from '../tips/delivery.ts';

export type { DeliveryResult };

export interface Person {
  /** The platform's user id. */
  user: string;
  /** The front end's address for the brief (opaque; Teams: service URL and tenant). */
  address?: unknown;
}

export type PersonDeliver = (person: Person, reply: Reply) => Promise<DeliveryResult>;

/** How each platform reaches a person. Front ends register here as they start. */
export class PersonDeliveries extends ByPlatform<PersonDeliver> {}

/** A short Danish reason for a failed delivery, for the author's overview. */
export function failureText(result: DeliveryResult): string | undefined {
  if (result.ok) return undefined;
  if ('pause' in result) return result.pause.reason;
  if ('retryAfterSeconds' in result) return 'Platformen bad om at vente; prøv igen om lidt.';
  return result.error;
}
