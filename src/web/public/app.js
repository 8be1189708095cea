// The local chat page. It sends what the person writes to /api/message and renders the Reply
// the shared conversation returns — the same model Slack and Teams render. All text is set
// with textContent: nothing from the user or the data is ever parsed as HTML.
'use strict';

(function () {
  const log = document.getElementById('log');
  const form = document.getElementById('ask');
  const input = document.getElementById('text');
  const tipBox = document.getElementById('tip');
  const tipTitle = document.getElementById('tip-title');
  const whoInput = document.getElementById('who');

  /** Who the person says they are, for brief and backbrief (the page has no login). */
  function who() {
    return (whoInput && whoInput.value.trim()) || 'Leder';
  }

  /** Creates an element with a class, text and children. */
  function el(tag, options, children) {
    const node = document.createElement(tag);
    const o = options || {};
    if (o.className) node.className = o.className;
    if (o.text !== undefined) node.textContent = o.text;
    if (o.attrs) for (const [k, v] of Object.entries(o.attrs)) node.setAttribute(k, v);
    for (const child of children || []) if (child) node.append(child);
    return node;
  }

  async function requestJson(url, init) {
    let res;
    try {
      res = await fetch(url, init);
    } catch {
      throw new Error('Ledelsesbot svarer ikke. Kører programmet stadig?');
    }
    let data = null;
    try {
      data = await res.json();
    } catch {
      data = null;
    }
    if (!res.ok) throw new Error((data && data.error) || `Ledelsesbot kunne ikke svare (fejl ${res.status}).`);
    return data;
  }

  function postJson(url, body) {
    return requestJson(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  const KIND_CLASS = { do: 'do', dont: 'dont', wish: 'other', remark: 'other', meeting: 'other' };
  const KIND_ICON = { do: '✓', dont: '✗', wish: '•', remark: '•', meeting: '•' };

  function statementCard(s) {
    const kind = KIND_CLASS[s.kind] || 'other';
    const meta = [s.directionLabel, s.groupsLabel];
    if (s.topic) meta.push(s.topic);
    return el('li', { className: `card card-${kind}`, attrs: { 'data-statement-id': s.id } }, [
      el('p', { className: 'card-kind' }, [
        el('span', { className: 'card-icon', text: KIND_ICON[s.kind] || '•', attrs: { 'aria-hidden': 'true' } }),
        el('span', { text: s.kindLabel }),
      ]),
      el('p', { className: 'card-text', text: s.text }),
      el('p', { className: 'card-meta', text: meta.join(' · ') }),
      el('p', { className: 'card-source', text: `Kilde: ${s.sourceLabel}` }),
    ]);
  }

  function commandButton(command, label, className) {
    return el('button', { className: className || 'chip', text: label, attrs: { type: 'button', 'data-command': command } });
  }

  // 👍 and 👎 drawn as SVG, so they show even where no emoji font is installed.
  // Path: Material Icons "thumb_up" (Apache License 2.0).
  const THUMB_PATH = 'M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z';
  const SVG_NS = 'http://www.w3.org/2000/svg';

  function thumbIcon(down) {
    const svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    svg.setAttribute('class', 'thumb');
    const path = document.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', THUMB_PATH);
    if (down) path.setAttribute('transform', 'rotate(180 12 12)');
    svg.append(path);
    return svg;
  }

  function feedbackBlock(action, askedText) {
    const box = el('div', { className: 'feedback' });
    const question = el('p', { className: 'feedback-question', text: 'Hjalp det?' });
    const status = el('p', { className: 'feedback-status', attrs: { role: 'status' } });
    const up = el('button', { className: 'vote vote-up', attrs: { type: 'button', 'aria-label': 'Ja, det hjalp', title: 'Ja, det hjalp' } }, [thumbIcon(false), el('span', { text: 'Ja' })]);
    const down = el('button', { className: 'vote vote-down', attrs: { type: 'button', 'aria-label': 'Nej, det hjalp ikke', title: 'Nej, det hjalp ikke' } }, [thumbIcon(true), el('span', { text: 'Nej' })]);
    const buttons = el('div', { className: 'vote-buttons' }, [up, down]);

    async function vote(value) {
      up.disabled = true;
      down.disabled = true;
      status.textContent = '';
      try {
        const body = { statementIds: action.statementIds, questionHash: action.questionHash, vote: value };
        if (value === 'down' && askedText) body.question = askedText;
        const data = await postJson('/api/feedback', body);
        // After a 👎 on a question: the offer to send it to HR, under the thanks.
        if (data && data.reply && data.reply.actions && data.reply.actions.length) box.append(renderReply(data.reply, { showTitle: false }));
        question.remove();
        buttons.remove();
        status.textContent = 'Tak for din feedback';
        status.classList.add('thanks');
        // The pressed button is gone; keep keyboard focus nearby instead of on the page top.
        status.setAttribute('tabindex', '-1');
        status.focus();
      } catch (err) {
        up.disabled = false;
        down.disabled = false;
        status.textContent = err.message;
        status.classList.add('error');
      }
    }
    up.addEventListener('click', () => vote('up'));
    down.addEventListener('click', () => vote('down'));
    box.append(question, buttons, status);
    return box;
  }

  /**
   * Renders a Reply as an article. The one renderer on the page, used for the chat and for
   * today's tip. `showTitle: false` when a surrounding heading already says it.
   */
  function renderReply(reply, options) {
    const o = options || {};
    const article = el('article', { className: `reply reply-${reply.type}` });
    if (o.showTitle !== false) article.append(el('h3', { className: 'reply-title', text: reply.title }));
    if (reply.intro) article.append(el('p', { className: 'reply-intro', text: reply.intro }));
    if (reply.quote) article.append(el('blockquote', { className: 'quote', text: reply.quote }));
    if (reply.facts && reply.facts.length) {
      const facts = el('dl', { className: 'facts' });
      for (const f of reply.facts) facts.append(el('dt', { text: f.label }), el('dd', { text: f.value }));
      article.append(facts);
    }

    for (const section of reply.sections) {
      const wrap = el('section', { className: 'reply-section' });
      if (section.title) wrap.append(el('h4', { className: `section-title section-${KIND_CLASS[section.kind] || 'other'}`, text: section.title }));
      wrap.append(el('ul', { className: 'cards' }, section.statements.map(statementCard)));
      article.append(wrap);
    }

    if (reply.commands && reply.commands.length) {
      const list = el('dl', { className: 'commands' });
      for (const c of reply.commands) {
        // Commands with a placeholder ("<dit spørgsmål>") are examples, not something to click.
        const term = /[<>]/.test(c.command) ? el('code', { text: c.command }) : commandButton(c.command, c.command, 'link-button code');
        list.append(el('dt', {}, [term]), el('dd', { text: c.description }));
      }
      article.append(list);
    }

    const more = reply.actions.filter((a) => a.type === 'more');
    if (reply.suggestions.length || more.length) {
      const buttons = [
        ...more.map((a) => commandButton(a.command, a.label)),
        ...reply.suggestions.map((s) => commandButton(s.command, s.label)),
      ];
      // After "no good match" the intro already leads into the buttons.
      const label = reply.type === 'no-match' ? null : more.length ? 'Mere:' : 'Prøv også:';
      article.append(
        el('div', { className: 'suggestions' }, [
          label && el('p', { className: 'suggestions-label', text: label }),
          el('ul', { className: 'button-row' }, buttons.map((b) => el('li', {}, [b]))),
        ]),
      );
    }

    for (const group of reply.groups || []) article.append(groupBlock(group));
    const form = reply.actions.find((a) => a.type === 'form');
    if (form) article.append(formBlock(form.form, article));
    const requests = reply.actions.filter((a) => a.type === 'button');
    if (requests.length) article.append(el('ul', { className: 'button-row' }, requests.map((a) => el('li', {}, [requestButton(a)]))));

    const asked = reply.asked && reply.asked.isQuestion ? reply.asked.text : null;
    for (const action of reply.actions) if (action.type === 'feedback') article.append(feedbackBlock(action, asked));
    for (const action of reply.actions) if (action.type === 'hr-offer') article.append(hrOfferButton(action));
    if (reply.form) article.append(hrFormBlock(reply.form));
    return article;
  }

  // ---- brief and backbrief ----------------------------------------------------------------

  function detailItems(details) {
    const list = el('dl', { className: 'details' });
    for (const d of details) {
      if (d.note) {
        list.append(el('dt', { className: 'note-label', text: d.label }), el('dd', { className: 'note', text: d.text || '' }));
        continue;
      }
      const value = [d.people && d.people.length ? d.people.join(', ') : '', d.text || ''].filter(Boolean).join(' — ');
      list.append(el('dt', { text: d.label }), el('dd', { className: 'detail-text', text: value }));
    }
    return list;
  }

  function groupBlock(group) {
    const box = el('section', { className: 'detail-group' });
    if (group.title) box.append(el('h4', { className: 'group-title', text: group.title }));
    box.append(detailItems(group.details));
    const buttons = (group.actions || []).filter((a) => a.type === 'button');
    if (buttons.length) box.append(el('ul', { className: 'button-row' }, buttons.map((a) => el('li', {}, [requestButton(a)]))));
    return box;
  }

  function requestButton(action) {
    const b = el('button', { className: action.style === 'primary' ? 'primary' : 'chip', text: action.label, attrs: { type: 'button' } });
    b.addEventListener('click', () => act(action.request));
    return b;
  }

  let fieldSeq = 0;

  /** A form from the core as an HTML form; its submission goes back as a typed request. */
  function formBlock(form, article) {
    const node = el('form', { className: 'brief-form', attrs: { novalidate: '' } });
    if (form.remarks && form.remarks.statements.length) {
      const details = el('details', { className: 'remarks' }, [el('summary', { text: 'Se gruppernes bemærkninger' })]);
      details.append(el('p', { className: 'remarks-title', text: form.remarks.title }));
      details.append(el('ul', { className: 'remarks-list' }, form.remarks.statements.map((s) => el('li', { text: `${s.text} (${s.groupsLabel})` }))));
      node.append(details);
    }
    if (form.context && form.context.length) node.append(detailItems(form.context));
    const controls = {};
    let firstError = null;
    for (const f of form.fields) {
      const id = `f${++fieldSeq}-${f.id}`;
      const wrap = el('div', { className: 'field' });
      wrap.append(el('label', { text: f.label, attrs: { for: id } }));
      const described = [];
      if (f.hint) {
        wrap.append(el('p', { className: 'hint', text: f.hint, attrs: { id: `${id}-hint` } }));
        described.push(`${id}-hint`);
      }
      let control;
      const value = Array.isArray(f.value) ? f.value.join(', ') : f.value || '';
      if (f.kind === 'longtext') control = el('textarea', { attrs: { id, name: f.id, rows: '4' } });
      else if (f.kind === 'choice') {
        control = el('select', { attrs: { id, name: f.id } }, [el('option', { text: 'Ingen', attrs: { value: '' } })]);
        for (const o of f.options || []) control.append(el('option', { text: o.label, attrs: { value: o.value } }));
      } else {
        const type = f.kind === 'date' ? 'date' : 'text';
        control = el('input', { attrs: { id, name: f.id, type } });
        if (f.kind === 'people') control.setAttribute('placeholder', 'Navne, adskilt med komma, fx Anna, Bo');
      }
      if (f.maxLength) control.setAttribute('maxlength', String(f.maxLength));
      if (f.required) control.setAttribute('aria-required', 'true');
      control.value = value;
      wrap.append(control);
      if (f.error) {
        wrap.append(el('p', { className: 'field-error', text: f.error, attrs: { id: `${id}-error` } }));
        described.push(`${id}-error`);
        control.setAttribute('aria-invalid', 'true');
        if (!firstError) firstError = control;
      }
      if (described.length) control.setAttribute('aria-describedby', described.join(' '));
      controls[f.id] = { field: f, control };
      node.append(wrap);
    }
    const submit = el('button', { className: 'primary', text: form.submitLabel, attrs: { type: 'submit' } });
    node.append(submit);
    node.addEventListener('submit', async (event) => {
      event.preventDefault();
      const values = {};
      for (const [key, { field, control }] of Object.entries(controls)) {
        values[key] = field.kind === 'people' ? control.value.split(',').map((v) => v.trim()).filter(Boolean) : control.value;
      }
      submit.disabled = true;
      let reply;
      try {
        const data = await postJson('/api/action', { action: { type: 'submit', form: form.form, ref: form.ref, values }, as: who() });
        reply = data.reply;
      } catch (err) {
        reply = errorReply(err.message);
        submit.disabled = false;
        article.append(renderReply(reply));
        return;
      }
      const next = renderReply(reply);
      article.replaceWith(next);
      const invalid = next.querySelector('[aria-invalid="true"]');
      if (invalid) invalid.focus();
      else next.scrollIntoView({ block: 'nearest' });
    });
    if (firstError) setTimeout(() => firstError.focus(), 0);
    return node;
  }

  // ——— Spørg HR ———

  const HR_KEY = 'ledelsesbot.hr-questions';

  function sentQuestions() {
    try {
      const ids = JSON.parse(window.localStorage.getItem(HR_KEY) || '[]');
      return Array.isArray(ids) ? ids.filter((id) => typeof id === 'string').slice(-50) : [];
    } catch {
      return [];
    }
  }

  function rememberSent(ids) {
    try {
      window.localStorage.setItem(HR_KEY, JSON.stringify(ids.slice(-50)));
    } catch {
      // Private browsing: the answer is then shown on /hr only.
    }
  }

  /** Shows a reply from an HR action as a new bot message. */
  function showBotReply(reply) {
    return showReply(reply);
  }

  function showReply(reply) {
    const answer = el('div', { className: 'message bot' }, [renderReply(reply)]);
    log.append(answer);
    answer.scrollIntoView({ block: 'nearest' });
    return answer;
  }

  async function act(request) {
    try {
      const data = await postJson('/api/action', { action: request, as: who() });
      showReply(data.reply);
    } catch (err) {
      showReply(errorReply(err.message));
    }
  }

  async function showMail() {
    const name = who();
    try {
      const data = await requestJson(`/api/mail?as=${encodeURIComponent(name)}`, { headers: { Accept: 'application/json' } });
      if (!data.messages.length) {
        showReply({ type: 'info', title: 'Ingen beskeder', intro: `Der er ingen beskeder til ${name} endnu.`, sections: [], suggestions: [], sources: [], actions: [] });
        return;
      }
      for (const m of data.messages.slice(0, 10).reverse()) showReply(m.reply);
    } catch (err) {
      showReply(errorReply(err.message));
    }
  }

  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('button[data-brief]') : null;
    if (!target) return;
    const what = target.getAttribute('data-brief');
    if (what === 'open') act({ type: 'open-form', form: 'brief' });
    else if (what === 'status') act({ type: 'brief-status' });
    else if (what === 'mail') showMail();
  });

  async function hrAct(action) {
    try {
      const data = await postJson('/api/action', { action });
      return data.reply;
    } catch (err) {
      return errorReply(err.message);
    }
  }

  function hrOfferButton(action) {
    const button = el('button', { className: 'primary hr-offer', text: action.label, attrs: { type: 'button' } });
    button.addEventListener('click', async () => {
      button.disabled = true;
      const reply = await hrAct({ type: 'hr-offer', question: action.question, nearest: action.nearest });
      showBotReply(reply);
      const first = log.querySelector('.message.bot:last-child textarea, .message.bot:last-child input');
      if (first) first.focus();
    });
    return el('div', { className: 'hr-offer-row' }, [button]);
  }

  let formCount = 0;

  function formField(field, prefix) {
    const id = `${prefix}-${field.name}`;
    if (field.type === 'text') {
      const input = field.multiline ? el('textarea', { attrs: { rows: '4' } }) : el('input', { attrs: { type: 'text' } });
      input.id = id;
      input.name = field.name;
      input.maxLength = field.maxLength;
      if (field.required) input.required = true;
      input.value = field.value || '';
      return el('p', { className: 'form-field' }, [el('label', { text: field.label, attrs: { for: id } }), input]);
    }
    const set = el('fieldset', { className: 'form-field' }, [el('legend', { text: field.label })]);
    field.options.forEach((o, i) => {
      const radio = el('input', { attrs: { type: 'radio', name: `${prefix}-${field.name}`, value: o.value, id: `${id}-${i}` } });
      radio.checked = o.value === field.value;
      set.append(el('label', { className: 'choice', attrs: { for: `${id}-${i}` } }, [radio, document.createTextNode(` ${o.label}`)]));
    });
    return set;
  }

  /** A form from the core (sending a question to HR): its fields, and a submit button. */
  function hrFormBlock(form) {
    const prefix = `form${++formCount}`;
    const node = el('form', { className: 'ask-form', attrs: { novalidate: '' } });
    for (const field of form.fields) node.append(formField(field, prefix));
    const status = el('p', { className: 'feedback-status', attrs: { role: 'status' } });
    const submit = el('button', { className: 'primary', text: form.submitLabel, attrs: { type: 'submit' } });
    node.append(el('p', {}, [submit]), status);
    node.addEventListener('submit', async (event) => {
      event.preventDefault();
      const values = Object.assign({}, form.hidden);
      for (const field of form.fields) {
        if (field.type === 'text') values[field.name] = node.querySelector(`#${prefix}-${field.name}`).value;
        else {
          const checked = node.querySelector(`input[name="${prefix}-${field.name}"]:checked`);
          values[field.name] = checked ? checked.value : field.value;
        }
      }
      submit.disabled = true;
      const reply = await hrAct({ type: 'submit', form: form.id, values });
      if (reply.sentToHr) {
        rememberSent([...sentQuestions(), reply.sentToHr]);
        node.remove();
      } else submit.disabled = false;
      showBotReply(reply);
    });
    return node;
  }

  /** Answers from HR to questions sent from this browser, shown when the page opens. */
  async function loadHrAnswers() {
    const ids = sentQuestions();
    if (!ids.length) return;
    const reply = await hrAct({ type: 'hr-inbox', questionIds: ids });
    if (!reply || !reply.inbox) return;
    for (const r of reply.inbox) showBotReply(r);
    const delivered = new Set(reply.delivered || []);
    rememberSent(ids.filter((id) => !delivered.has(id)));
  }

  function errorReply(message) {
    return { type: 'error', title: 'Noget gik galt', intro: message, sections: [], suggestions: [], sources: [], actions: [] };
  }

  let busy = false;

  async function send(text) {
    const trimmed = text.trim();
    if (!trimmed || busy) return;
    busy = true;
    log.setAttribute('aria-busy', 'true');
    const mine = el('div', { className: 'message user' }, [
      el('p', { className: 'visually-hidden', text: 'Du skrev:' }),
      el('p', { className: 'user-text', text: trimmed }),
    ]);
    const pending = el('p', { className: 'pending muted', text: 'Ledelsesbot finder et svar …' });
    log.append(mine, pending);
    pending.scrollIntoView({ block: 'nearest' });

    let reply;
    try {
      const data = await postJson('/api/message', { text: trimmed, as: who() });
      reply = data.reply;
    } catch (err) {
      reply = errorReply(err.message);
    }
    pending.remove();
    const answer = el('div', { className: 'message bot' }, [renderReply(reply)]);
    log.append(answer);
    log.removeAttribute('aria-busy');
    busy = false;
    const reduceMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    mine.scrollIntoView({ block: 'start', behavior: reduceMotion ? 'auto' : 'smooth' });
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value;
    if (!text.trim() || busy) {
      input.focus();
      return;
    }
    input.value = '';
    send(text);
  });

  // Every button with a command — quick buttons, suggestions, "Flere om …", help — sends it.
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('button[data-command]') : null;
    if (!target) return;
    send(target.getAttribute('data-command') || '');
  });

  async function loadTip() {
    try {
      const data = await requestJson('/api/tip', { headers: { Accept: 'application/json' } });
      tipTitle.textContent = data.reply.title;
      tipBox.replaceChildren(renderReply(data.reply, { showTitle: false }));
    } catch (err) {
      tipBox.replaceChildren(el('p', { className: 'muted', text: `Dagens tip kunne ikke hentes. ${err.message}` }));
    }
  }

  loadTip();
  loadHrAnswers();
})();
