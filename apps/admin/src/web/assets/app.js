/* global document, window, fetch, EventSource, URLSearchParams, setInterval, clearInterval */
// The dashboard: plain JavaScript against the admin API. Every datum comes from /api, which needs the session
// cookie; state-changing calls also send the session's CSRF token.
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  const el = (tag, attrs, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') node.className = v;
      else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else if (v !== undefined && v !== null) node.setAttribute(k, v);
    }
    for (const c of children)
      node.append(c instanceof window.Node ? c : document.createTextNode(String(c ?? '')));
    return node;
  };

  const state = {
    session: null,
    feed: null,
    cursor: 0,
    cursors: [],
    filters: {},
    overview: null,
    history: [],
    timer: null,
    items: [],
  };

  async function api(path, options = {}) {
    const headers = { accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (state.session && options.method && options.method !== 'GET')
      headers['x-cde-csrf'] = state.session.csrf;
    const res = await fetch(path, {
      method: options.method || 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
    });
    if (res.status === 401 && !path.startsWith('/auth/')) {
      showSignIn();
      throw new Error('signed out');
    }
    const text = await res.text();
    const body = text ? JSON.parse(text) : null;
    if (!res.ok) throw new Error((body && body.message) || `HTTP ${res.status}`);
    return body;
  }

  // ---------------------------------------------------------------------------------------------- sign-in
  async function showSignIn() {
    state.session = null;
    if (state.timer) clearInterval(state.timer);
    $('app').hidden = true;
    $('who').hidden = true;
    $('sign-in').hidden = false;
    try {
      const methods = await api('/auth/methods');
      $('oidc').hidden = !methods.oidc;
      $('sign-in-form').hidden = !methods.local;
    } catch {
      // The form stays; a failed sign-in says what is wrong.
    }
  }

  $('sign-in-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const form = new window.FormData(e.target);
    $('sign-in-error').textContent = '';
    try {
      await api('/auth/login', {
        method: 'POST',
        body: { user: form.get('user'), password: form.get('password') },
      });
      await start();
    } catch (error) {
      $('sign-in-error').textContent = error.message;
    }
  });

  $('sign-out').addEventListener('click', async () => {
    await api('/auth/logout', { method: 'POST', body: {} }).catch(() => undefined);
    if (state.events) state.events.close();
    await showSignIn();
  });

  async function start() {
    try {
      state.session = await api('/api/session');
    } catch {
      return;
    }
    $('sign-in').hidden = true;
    $('app').hidden = false;
    $('who').hidden = false;
    document.querySelector('[data-testid=user]').textContent = `${state.session.user} (${state.session.via})`;
    followEvents();
    await refreshOverview();
    state.timer = setInterval(() => refreshOverview().catch(() => undefined), 5000);
    route();
  }

  // ---------------------------------------------------------------------------------------------- overview
  const COLUMNS = ['items', 'accepted', 'pending', 'rejected', 'retrying', 'parked', 'deleted'];

  async function refreshOverview() {
    const o = await api('/api/overview');
    const previous = state.overview;
    state.overview = o;
    const tbody = $('feeds');
    tbody.replaceChildren(
      ...o.feeds.map((f) =>
        el(
          'tr',
          { 'data-feed': f.feed, onclick: () => (window.location.hash = `#/feed/${f.feed}`) },
          el('td', {}, el('a', { href: `#/feed/${f.feed}`, 'data-testid': `feed-link-${f.feed}` }, f.feed)),
          el('td', {}, f.service),
          el('td', {}, f.mode),
          ...COLUMNS.map((c) =>
            el(
              'td',
              { 'data-testid': `${f.feed}-${c}`, class: c === 'parked' && f.parked ? 'state-parked' : '' },
              f[c],
            ),
          ),
          el('td', {}, f.backlog === null ? '?' : f.backlog),
          el('td', {}, f.lastAckedAt || '—'),
          el('td', {}, f.lastFullSyncAt || '—'),
        ),
      ),
    );
    const c = o.connector;
    $('connector').textContent =
      `connector ${c.name}: ${c.state}${c.tasks.length ? ` (tasks ${c.tasks.map((t) => `${t.id} ${t.state}`).join(', ')})` : ''}${c.error ? ` — ${c.error}` : ''}`;
    $('connector').className = c.state === 'RUNNING' ? 'state-accepted' : 'state-parked';
    $('problems').textContent = o.problems.join('; ');
    const at = Date.parse(o.at);
    const sum = (ov, key) => ov.feeds.reduce((n, f) => n + (f[key] || 0), 0);
    const lastAck = Math.max(
      0,
      ...o.feeds.map((f) => (f.lastAckedAt ? Date.parse(f.lastAckedAt.replace(' ', 'T') + 'Z') : 0)),
    );
    state.history.push({
      at,
      throughput: previous
        ? Math.max(
            0,
            (sum(o, 'accepted') - sum(previous, 'accepted')) /
              Math.max(1, (at - Date.parse(previous.at)) / 1000),
          )
        : 0,
      backlog: sum(o, 'backlog'),
      freshness: lastAck ? Math.max(0, (at - lastAck) / 1000) : 0,
    });
    if (state.history.length > 120) state.history.shift();
    for (const key of ['throughput', 'backlog', 'freshness'])
      chart(
        $(`chart-${key}`),
        state.history.map((h) => h[key]),
      );
  }

  function chart(svg, values) {
    const max = Math.max(1, ...values);
    const points = values
      .map((v, i) => `${(i / Math.max(1, values.length - 1)) * 300},${58 - (v / max) * 56}`)
      .join(' ');
    svg.replaceChildren();
    const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
    line.setAttribute('points', points);
    svg.append(line);
    const label = document.createElementNS('http://www.w3.org/2000/svg', 'text');
    label.setAttribute('x', '4');
    label.setAttribute('y', '12');
    label.setAttribute('font-size', '10');
    label.textContent = `max ${Math.round(max * 10) / 10}, now ${Math.round((values.at(-1) || 0) * 10) / 10}`;
    svg.append(label);
  }

  // ---------------------------------------------------------------------------------------------- feed grid
  async function openFeed(feed) {
    if (state.feed !== feed) {
      state.feed = feed;
      state.filters = {};
      state.cursors = [];
      state.cursor = 0;
      $('filters').reset();
    }
    $('feed-name').textContent = feed;
    const info = state.overview && state.overview.feeds.find((f) => f.feed === feed);
    $('scope-filters').replaceChildren(
      ...((info && info.scopeFilters) || []).map((s) =>
        el(
          'label',
          {},
          `${s} `,
          el('input', { name: s, size: '10', 'data-testid': `filter-${s}`, value: state.filters[s] || '' }),
        ),
      ),
    );
    await loadItems();
  }

  async function loadItems() {
    const query = new URLSearchParams({ ...state.filters, after: String(state.cursor), limit: '50' });
    for (const [k, v] of [...query.entries()]) if (v === '') query.delete(k);
    const page = await api(`/api/feeds/${state.feed}/items?${query}`);
    state.items = page.items;
    state.next = page.next;
    const identity = (item) =>
      Object.entries(item.feedData)
        .filter(([k]) => k !== 'deleted' && typeof item.feedData[k] !== 'object')
        .slice(0, 3)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ');
    $('items').replaceChildren(
      ...page.items.map((item) =>
        el(
          'tr',
          {
            'data-feed-id': item.feedId,
            'data-testid': 'item-row',
            onclick: (e) =>
              e.target.type !== 'checkbox' &&
              (window.location.hash = `#/feed/${state.feed}/item/${item.feedId}`),
          },
          el(
            'td',
            {},
            el('input', { type: 'checkbox', value: item.sourceEntityId, 'data-feed-id': item.feedId }),
          ),
          el('td', {}, identity(item)),
          el('td', {}, item.sourceEntityId),
          el('td', { class: `state-${item.state}`, 'data-testid': 'item-state' }, item.state),
          el('td', {}, item.attempts),
          el('td', { class: 'wrap' }, item.errors || ''),
          el('td', {}, item.modifiedAt),
        ),
      ),
    );
    $('page-info').textContent =
      `page ${state.cursors.length + 1}: ${page.items.length} item(s)${page.next === null ? ', last page' : ''}`;
    $('next-page').disabled = page.next === null;
  }

  $('filters').addEventListener('submit', async (e) => {
    e.preventDefault();
    const form = new window.FormData(e.target);
    state.filters = Object.fromEntries([...form.entries()].filter(([, v]) => v !== ''));
    if (state.filters.until)
      state.filters.until = new Date(Date.parse(state.filters.until) + 86400000).toISOString().slice(0, 10);
    state.cursor = 0;
    state.cursors = [];
    await loadItems().catch(report);
  });
  $('next-page').addEventListener('click', () => {
    if (state.next === null) return;
    state.cursors.push(state.cursor);
    state.cursor = state.next;
    loadItems().catch(report);
  });
  $('first-page').addEventListener('click', () => {
    state.cursor = 0;
    state.cursors = [];
    loadItems().catch(report);
  });

  // ---------------------------------------------------------------------------------------------- item detail
  async function openItem(feed, feedId) {
    const d = await api(`/api/feeds/${feed}/items/${feedId}`);
    state.item = d;
    $('item-title').textContent = `${feed} item ${feedId.slice(0, 12)}… (${d.item.state})`;
    $('history').replaceChildren(
      ...d.history.map((h) => el('li', {}, `${h.at || ''} ${h.step}: ${h.detail}`)),
    );
    $('item-json').textContent = JSON.stringify(d.item.feedData, null, 2);
    $('receiver-json').textContent = d.receiver
      ? JSON.stringify(d.receiver, null, 2)
      : d.receiverError || 'the receiver holds no such item';
    $('diff-summary').textContent =
      d.diff.differences === 0 ? 'in sync: no difference' : `${d.diff.differences} field(s) differ`;
    $('diff').replaceChildren(
      ...d.diff.fields.map((f) =>
        el(
          'tr',
          { class: f.same ? '' : 'diff-different', 'data-testid': f.same ? 'diff-same' : 'diff-different' },
          el('td', {}, f.path),
          el('td', { class: 'wrap' }, JSON.stringify(f.state)),
          el('td', { class: 'wrap' }, JSON.stringify(f.receiver)),
        ),
      ),
    );
  }

  // ---------------------------------------------------------------------------------------------- actions
  async function act(body) {
    const result = await api('/api/actions', { method: 'POST', body });
    // A command can start, and even finish, before its answer is read here: its events then came first, and a
    // late "requested" must not hide them.
    for (const c of result.commands)
      if (!rows.has(c.commandId)) activity(c.commandId, c.feed, `${c.type} requested`, 'requested');
    return result;
  }
  const report = (error) => activity('error', '', error.message, 'error');

  $('resync-all').addEventListener('click', () => act({ action: 'resync', feed: 'all' }).catch(report));
  $('resync-feed').addEventListener('click', () => act({ action: 'resync', feed: state.feed }).catch(report));
  $('dry-run-feed').addEventListener('click', () =>
    act({ action: 'resync', feed: state.feed, dryRun: true }).catch(report),
  );
  $('retry-parked').addEventListener('click', () =>
    act({ action: 'retry-parked', feed: state.feed }).catch(report),
  );
  $('resync-selected').addEventListener('click', () => {
    const ids = [...document.querySelectorAll('#items input:checked')].map((i) => i.value);
    if (ids.length === 0) return report(new Error('select items first'));
    act({ action: 'resync', feed: state.feed, byIds: ids, idType: 'id' }).catch(report);
  });
  $('resync-item').addEventListener('click', () => {
    const d = state.item;
    if (d)
      act({ action: 'resync', feed: d.feed, byIds: [d.item.sourceEntityId], idType: 'id' }).catch(report);
  });

  // ---------------------------------------------------------------------------------------------- live progress
  const rows = new Map();
  function activity(key, feed, text, status, progress) {
    let row = rows.get(key);
    if (!row) {
      row = el('li', { 'data-command-id': key, 'data-testid': 'activity-row' });
      rows.set(key, row);
      $('activity').prepend(row);
    }
    row.dataset.status = status;
    row.replaceChildren(
      el('strong', {}, feed ? `${feed}: ` : ''),
      text,
      ...(progress ? [' ', progress] : []),
    );
  }

  function followEvents() {
    if (state.events) state.events.close();
    const source = new EventSource('/api/events');
    state.events = source;
    const on = (type, handler) => source.addEventListener(type, (e) => handler(JSON.parse(e.data)));
    const counters = (e) =>
      `processed ${e.processed}, synced ${e.synced}, skipped ${e.skipped}, deleted ${e.deleted}, failed ${e.failed}`;
    const bar = (e) =>
      e.total
        ? el('progress', { max: String(e.total), value: String(Math.min(e.processed, e.total)) })
        : undefined;
    const key = (e) => e.commandId || e.jobId || e.eventId;
    on('resync.started', (e) =>
      activity(key(e), e.feed, `started by ${e.holder}${e.options.dryRun ? ' (dry run)' : ''}`, 'started'),
    );
    on('resync.progress', (e) =>
      activity(
        key(e),
        e.feed,
        `Progress ${e.processed}/${e.total ?? '?'}: ${counters(e)}`,
        'progress',
        bar(e),
      ),
    );
    on('resync.finished', (e) =>
      activity(
        key(e),
        e.feed,
        `${e.status === 'complete' ? 'Complete' : 'Failed'}${e.dryRun ? ' (dry run: nothing sent or saved)' : ''}: ${counters(e)}${e.error ? ` — ${e.error}` : ''}`,
        e.status,
      ),
    );
    on('resync.refused', (e) => activity(key(e), e.feed, `refused (${e.code}): ${e.reason}`, 'refused'));
    on('sync.started', (e) => activity(key(e), e.feed, `${e.kind} started: ${e.reason}`, 'started'));
    on('sync.progress', (e) =>
      activity(
        key(e),
        e.feed,
        `${e.kind} Progress ${e.processed}/${e.total ?? '?'}: ${counters(e)}`,
        'progress',
        bar(e),
      ),
    );
    on('sync.finished', (e) =>
      activity(
        key(e),
        e.feed,
        `${e.kind} ${e.status === 'complete' ? 'Complete' : 'Failed'}: ${counters(e)}`,
        e.status,
      ),
    );
    on('item.parked', (e) =>
      activity(
        e.eventId,
        e.feed,
        `item ${e.feedId.slice(0, 12)}… parked after ${e.attempts} attempts: ${e.lastError}`,
        'parked',
      ),
    );
  }

  // ---------------------------------------------------------------------------------------------- routing
  function route() {
    const parts = window.location.hash.replace(/^#\/?/, '').split('/');
    const [kind, feed, sub, feedId] = parts;
    $('feed').hidden = kind !== 'feed';
    $('item').hidden = !(kind === 'feed' && sub === 'item');
    if (kind === 'feed' && feed) {
      openFeed(feed).catch(report);
      if (sub === 'item' && feedId) openItem(feed, feedId).catch(report);
    }
  }
  window.addEventListener('hashchange', () => state.session && route());

  start().then(() => (state.session ? undefined : showSignIn()), report);
})();
