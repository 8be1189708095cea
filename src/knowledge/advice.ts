// Which statements are advice, and which of those make a tip. Properties of the statements
// themselves, so the conversation and the daily tip share them without depending on each other.

import type { Statement } from './schema.ts';

/** Statements that are advice: everything but the remarks about the meeting itself. */
export function adviceStatements(statements: readonly Statement[]): Statement[] {
  return statements.filter((s) => s.kind !== 'meeting');
}

/**
 * A tip is something a leader can act on: the groups' "gør" (do) and "undgå" (don't) statements,
 * in every direction. Remarks, wishes and the meeting notes are observations ("Savner at blive
 * klædt på…", "Svært at se storskærmen") and do not read well as a daily tip.
 */
export function isTipStatement(s: Pick<Statement, 'kind'>): boolean {
  return s.kind === 'do' || s.kind === 'dont';
}

export function tipStatements(statements: readonly Statement[]): Statement[] {
  return statements.filter(isTipStatement);
}
