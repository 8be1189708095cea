// Plain-text rendering of a Reply, for the terminal and as notification fallback text.

import type { Reply } from './reply.ts';

export function renderText(reply: Reply, commandPrefix = ''): string {
  const lines: string[] = [reply.title, ''];
  if (reply.intro) lines.push(reply.intro, '');
  for (const section of reply.sections) {
    if (section.title) lines.push(`${section.title}:`);
    for (const s of section.statements) {
      const marker = s.kind === 'do' ? '✔' : s.kind === 'dont' ? '✘' : '•';
      const label = section.title ? '' : `${s.kindLabel} · `;
      lines.push(`  ${marker} ${s.text}`);
      lines.push(`     ${label}${s.directionLabel} · ${s.groupsLabel}`);
    }
    lines.push('');
  }
  if (reply.commands) {
    for (const c of reply.commands) lines.push(`  ${c.command.padEnd(26)} ${c.description}`);
    lines.push('');
  }
  if (reply.suggestions.length && reply.type !== 'help') {
    lines.push(`Prøv: ${reply.suggestions.map((s) => `${commandPrefix}${s.command}`).join(' · ')}`, '');
  }
  if (reply.sources.length) lines.push(`Kilde: ${reply.sources.join('; ')}`);
  return lines.join('\n').trimEnd();
}
