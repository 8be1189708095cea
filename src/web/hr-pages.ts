// HR's pages on the local server, loopback only like the chat page: /hr lists the questions
// leaders sent to HR with the same answer form as Slack and Teams, so the whole loop can be
// tried with no accounts; /indsigt shows HR's insight as charts drawn in SVG, with no script and
// nothing from outside. Both are rendered on the server from the core's replies; every text is
// escaped.

import type { Conversation } from '../bot/conversation.ts';
import type { HrFormField, Reply } from '../bot/reply.ts';
import type { InsightFigures } from '../hr/insight.ts';
import type { HrQuestion } from '../hr/model.ts';
import type { HrFrontEnd } from '../hr/front-ends.ts';

/** What the HR pages use from the core. */
export interface WebHr {
  frontEnds: { register(platform: string, frontEnd: HrFrontEnd): void };
  service: { questionsForHr(): Promise<Array<{ question: HrQuestion; reply: Reply }>> };
  insight(): Promise<InsightFigures>;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** The page frame: the chat page's stylesheet, a heading, links between the pages. */
function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Ledelsesbot</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/style.css">
</head>
<body>
<header class="site-header"><div class="wrap"><h1>${escapeHtml(title)}</h1>
<p class="tagline"><a class="header-link" href="/">Chatsiden</a> · <a class="header-link" href="/hr">Spørgsmål til HR</a> · <a class="header-link" href="/indsigt">Indsigt</a></p></div></header>
<main class="wrap hr-page" id="main">
${body}
</main>
</body>
</html>`;
}

function field(f: HrFormField, id: string): string {
  const fid = `${id}-${f.name}`;
  const hint = f.type === 'text' && f.hint ? `<p class="hint" id="${fid}-hint">${escapeHtml(f.hint)}</p>` : '';
  if (f.type === 'text') {
    const attrs = `id="${fid}" name="${escapeHtml(f.name)}" maxlength="${f.maxLength}"${f.required ? ' required' : ''}${hint ? ` aria-describedby="${fid}-hint"` : ''}`;
    const input = f.multiline
      ? `<textarea ${attrs} rows="5">${escapeHtml(f.value ?? '')}</textarea>`
      : `<input type="text" ${attrs} value="${escapeHtml(f.value ?? '')}">`;
    return `<p class="form-field"><label for="${fid}">${escapeHtml(f.label)}</label>${input}</p>${hint}`;
  }
  const options = f.options
    .map((o, i) => `<label class="choice"><input type="radio" name="${escapeHtml(f.name)}" value="${escapeHtml(o.value)}"${o.value === f.value ? ' checked' : ''} id="${fid}-${i}"> ${escapeHtml(o.label)}</label>`)
    .join('');
  return `<fieldset class="form-field"><legend>${escapeHtml(f.label)}</legend>${options}</fieldset>`;
}

function replyHtml(reply: Reply, id: string): string {
  const parts: string[] = [`<h2 class="reply-title">${escapeHtml(reply.title)}</h2>`];
  if (reply.intro) parts.push(`<p class="reply-intro">${escapeHtml(reply.intro)}</p>`);
  if (reply.quote) parts.push(`<blockquote class="quote">${escapeHtml(reply.quote)}</blockquote>`);
  if (reply.facts?.length) parts.push(`<dl class="facts">${reply.facts.map((f) => `<dt>${escapeHtml(f.label)}</dt><dd>${escapeHtml(f.value)}</dd>`).join('')}</dl>`);
  for (const section of reply.sections) {
    if (section.title) parts.push(`<h3 class="section-title">${escapeHtml(section.title)}</h3>`);
    parts.push(
      `<ul class="cards">${section.statements
        .map((s) => `<li class="card"><p class="card-kind">${escapeHtml(s.kindLabel)}</p><p class="card-text">${escapeHtml(s.text)}</p><p class="card-meta">${escapeHtml(`${s.directionLabel} · ${s.groupsLabel}`)}</p></li>`)
        .join('')}</ul>`,
    );
  }
  if (reply.form) {
    const hidden = Object.entries(reply.form.hidden).map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`);
    parts.push(
      `<form method="post" action="/hr" class="hr-form"><input type="hidden" name="form" value="${escapeHtml(reply.form.id)}">${hidden.join('')}` +
        `${reply.form.fields.map((f) => field(f, id)).join('')}<p><button type="submit" class="primary">${escapeHtml(reply.form.submitLabel)}</button></p></form>`,
    );
  }
  for (const a of reply.actions) {
    if (a.type === 'hr-dismiss') {
      parts.push(`<form method="post" action="/hr" class="hr-dismiss"><input type="hidden" name="form" value="dismiss"><input type="hidden" name="questionId" value="${escapeHtml(a.questionId)}"><button type="submit" class="chip">${escapeHtml(a.label)}</button></form>`);
    }
  }
  return parts.join('\n');
}

/** /hr: every kept question, open ones first, each with its answer form. */
export async function hrPage(hr: WebHr, message?: string): Promise<string> {
  const all = await hr.service.questionsForHr();
  const open = all.filter((x) => x.question.status === 'open');
  const settled = all.filter((x) => x.question.status !== 'open');
  const note = message ? `<p class="notice" role="status">${escapeHtml(message)}</p>` : '';
  const intro =
    '<p>Her er de spørgsmål, ledere har valgt at sende til HR, fordi Ledelsesbot ikke havde et godt svar. Svaret går tilbage til lederen, hvor spørgsmålet blev stillet. Siden virker kun på denne maskine.</p>';
  const list = (items: typeof all, empty: string) =>
    items.length ? items.map((x) => `<article class="reply hr-question" id="${escapeHtml(x.question.id)}">${replyHtml(x.reply, x.question.id)}</article>`).join('\n') : `<p class="muted">${empty}</p>`;
  return page(
    'Spørgsmål til HR',
    `${note}${intro}<h2>Åbne spørgsmål (${open.length})</h2>${list(open, 'Ingen åbne spørgsmål.')}<h2>Besvaret eller lukket (${settled.length})</h2>${list(settled, 'Ingen endnu.')}`,
  );
}

/** Handles a form posted on /hr; returns the core's message for the page. */
export async function postHrForm(conversation: Conversation, ctx: Parameters<Conversation['respond']>[1], fields: URLSearchParams): Promise<string> {
  const form = fields.get('form');
  const values: Record<string, string> = {};
  for (const [k, v] of fields) if (k !== 'form') values[k] = v.slice(0, 4000);
  let reply: Reply | undefined;
  if (form === 'hr-answer') reply = await conversation.respond({ type: 'action', action: { type: 'submit', form: 'hr-answer', values, person: { name: 'HR (den lokale side)' } } }, ctx);
  else if (form === 'dismiss') reply = await conversation.respond({ type: 'action', action: { type: 'hr-dismiss', questionId: values.questionId ?? '', person: { name: 'HR (den lokale side)' } } }, ctx);
  else return 'Formularen er ukendt. Der er ikke sket noget.';
  return reply ? `${reply.title}: ${reply.intro ?? ''}` : 'Der er ikke sket noget.';
}

// ——— /indsigt ———

const SERIES = [
  { key: 'high', label: 'Godt svar', className: 'bar-high' },
  { key: 'hr', label: 'HR\'s gemte svar', className: 'bar-hr' },
  { key: 'low', label: 'Det nærmeste', className: 'bar-low' },
  { key: 'none', label: 'Intet svar', className: 'bar-none' },
] as const;

/** Stacked bars per week: how the questions were answered. */
function weeksChart(f: InsightFigures): string {
  const width = 640;
  const height = 220;
  const left = 36;
  const bottom = 28;
  const max = Math.max(1, ...f.weeks.map((w) => w.questions));
  const slot = (width - left) / f.weeks.length;
  const barW = Math.max(6, slot * 0.6);
  const bars: string[] = [];
  f.weeks.forEach((w, i) => {
    let y = height - bottom;
    const x = left + i * slot + (slot - barW) / 2;
    for (const s of SERIES) {
      const n = w[s.key];
      if (!n) continue;
      const h = ((height - bottom - 10) * n) / max;
      y -= h;
      bars.push(`<rect class="${s.className}" x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}"><title>${escapeHtml(`${w.label}: ${s.label} ${n}`)}</title></rect>`);
    }
    bars.push(`<text class="axis" x="${(x + barW / 2).toFixed(1)}" y="${height - 10}" text-anchor="middle">${escapeHtml(w.label.replace('uge ', ''))}</text>`);
  });
  const legend = SERIES.map((s) => `<li><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><rect class="${s.className}" width="10" height="10"/></svg> ${escapeHtml(s.label)}</li>`).join('');
  return `<figure class="chart"><svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="weeks-title"><title id="weeks-title">Spørgsmål pr. uge, og hvordan de blev besvaret</title>
<line class="axis-line" x1="${left}" y1="${height - bottom}" x2="${width}" y2="${height - bottom}"/>
<text class="axis" x="4" y="16">${max}</text>${bars.join('')}</svg><figcaption><ul class="legend">${legend}</ul></figcaption></figure>`;
}

/** Horizontal bars with a label each. */
function barList(title: string, rows: Array<{ label: string; value: number }>, className: string): string {
  if (!rows.length) return `<p class="muted">Ingen data endnu.</p>`;
  const width = 640;
  const rowH = 28;
  const labelW = 300;
  const max = Math.max(1, ...rows.map((r) => r.value));
  const body = rows
    .map((r, i) => {
      const w = ((width - labelW - 40) * r.value) / max;
      const y = i * rowH;
      const label = r.label.length > 48 ? `${r.label.slice(0, 47)}…` : r.label;
      return `<text class="bar-label" x="0" y="${y + 18}">${escapeHtml(label)}</text><rect class="${className}" x="${labelW}" y="${y + 6}" width="${Math.max(2, w).toFixed(1)}" height="16"><title>${escapeHtml(`${r.label}: ${r.value}`)}</title></rect><text class="axis" x="${(labelW + w + 6).toFixed(1)}" y="${y + 18}">${r.value}</text>`;
    })
    .join('');
  return `<figure class="chart"><svg viewBox="0 0 ${width} ${rows.length * rowH}" role="img"><title>${escapeHtml(title)}</title>${body}</svg></figure>`;
}

function percent(part: number, whole: number): string {
  return whole ? `${Math.round((100 * part) / whole)} %` : '–';
}

/** /indsigt: the figures as charts and a table, without anyone's questions. */
export function insightPage(f: InsightFigures): string {
  const total = f.weeks.reduce((n, w) => n + w.questions, 0);
  const sum = (k: 'high' | 'low' | 'none' | 'hr') => f.weeks.reduce((n, w) => n + w[k], 0);
  const rows = f.weeks
    .map((w) => `<tr><th scope="row">${escapeHtml(w.label)}</th><td>${w.questions}</td><td>${percent(w.high + w.hr, w.questions)}</td><td>${percent(w.low, w.questions)}</td><td>${percent(w.none, w.questions)}</td><td>${w.downvotes}</td></tr>`)
    .join('');
  const open = f.openQuestions.length
    ? `<p>${f.openQuestions.length} åbne spørgsmål til HR. Det ældste er ${f.openQuestions[0]!.ageDays} dage gammelt. <a href="/hr">Se dem</a>.</p>`
    : '<p>Ingen åbne spørgsmål til HR.</p>';
  return page(
    'Indsigt',
    `<p>Hvad ledere har brug for — kun tal, ingen spørgsmål og ingen navne. De seneste ${f.weeks.length} uger: ${total} spørgsmål, ${percent(sum('high') + sum('hr'), total)} med godt svar, ${percent(sum('low'), total)} med det nærmeste og ${percent(sum('none'), total)} uden svar. HR har gemt ${f.savedAnswers} svar som viden.</p>
<h2>Spørgsmål pr. uge</h2>${weeksChart(f)}
<table class="figures"><caption>Spørgsmål pr. uge</caption><thead><tr><th scope="col">Uge</th><th scope="col">Spørgsmål</th><th scope="col">Godt svar</th><th scope="col">Det nærmeste</th><th scope="col">Intet svar</th><th scope="col">👎</th></tr></thead><tbody>${rows}</tbody></table>
<h2>Det spørger ledere mest om</h2>${barList('Situationer, der spørges mest om', f.topSituations.map((s) => ({ label: s.title, value: s.count })), 'bar-high')}
<h2>Svar med flest 👎</h2>${barList('Udsagn med flest 👎', f.mostDownvoted.map((s) => ({ label: s.text, value: s.down })), 'bar-none')}
<h2>Åbne spørgsmål til HR</h2>${open}`,
  );
}
