'use strict';
// Candor console: plain JavaScript, no build step. Text from the server is always inserted with
// textContent, never as HTML.

const state = { csrf: '', role: '', agent: null, events: null };

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v; else if (k.startsWith('data-')) node.setAttribute(k, v); else node[k] = v;
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(c ?? ''));
  return node;
}

async function api(method, path, body) {
  const headers = { 'Accept': 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers['X-CSRF-Token'] = state.csrf;
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin' });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data.error || res.statusText);
  return data;
}

function showApp(session) {
  state.csrf = session.csrf;
  state.role = session.role;
  state.agent = session.agent;
  document.getElementById('who').textContent = `${session.user} (${session.role})`;
  document.getElementById('login').hidden = true;
  document.getElementById('app').hidden = false;
  document.getElementById('logout').hidden = false;
  document.getElementById('callbacks-section').hidden = session.role === 'agent';
  document.getElementById('trunk-section').hidden = session.role === 'agent';
  document.getElementById('campaigns-section').hidden = session.role === 'agent';
  document.getElementById('supervisor-phone-line').hidden = session.role === 'agent';
  document.getElementById('supervisor-phone').value = localStorage.getItem('candor.supervisorPhone') || '';
  refreshAll();
  listen();
}

function refreshAll() {
  refreshLive();
  refreshAgents();
  refreshHistory();
  if (state.role !== 'agent') {
    refreshCallbacks();
    refreshTrunk();
    refreshCampaigns();
  }
}

async function refreshLive() {
  const calls = await api('GET', '/api/calls/live');
  const box = document.getElementById('live');
  box.replaceChildren(...calls.map(renderLiveCall));
  document.getElementById('live-count').textContent = `(${calls.length})`;
}

function renderLiveCall(call) {
  const lines = call.transcript.map(l => el('li', {}, el('span', { class: 'speaker' }, l.speaker), ': ', l.text));
  return el('div', { class: 'call', 'data-call': call.id },
    el('div', {}, el('span', { class: 'status', 'data-status': call.status }, call.status), ' · ', call.caller,
      call.agent ? ` · with ${call.agent}` : '', call.handoffReason ? ` · handoff: ${call.handoffReason}` : ''),
    call.summary ? el('p', { class: 'summary' }, call.summary) : '',
    state.role === 'agent' ? '' : supervisionControls(call),
    el('ol', { class: 'transcript' }, ...lines));
}

// Listen, whisper, barge, take over. Candor calls the supervisor's phone (from their user record, or
// the number typed above the live calls) the first time; later clicks only change the mix.
const MODES = [['listen', 'Listen'], ['whisper', 'Whisper'], ['barge', 'Barge'], ['take_over', 'Take over']];

function supervisionControls(call) {
  const current = call.status.startsWith('supervised:') ? call.status.slice('supervised:'.length) : '';
  const message = el('span', { class: 'supervision-result', role: 'status' });
  const buttons = MODES.map(([mode, label]) => {
    const button = el('button', { type: 'button', 'data-mode': mode, className: mode === current ? 'active' : '' }, label);
    if (mode === 'whisper' && !call.agent) {
      button.disabled = true;
      button.title = 'Whisper is for calls with an agent; Candor cannot hear a whisper.';
    }
    if (mode === 'take_over') button.classList.add('danger');
    button.addEventListener('click', () => supervise(call.id, mode, message));
    return button;
  });
  return el('div', { class: 'supervision' }, ...buttons, message);
}

async function supervise(callId, mode, message) {
  if (mode === 'take_over' && !confirm('Take over this call? Candor leaves it and you talk to the caller.')) return;
  const phone = document.getElementById('supervisor-phone').value.trim();
  if (phone) localStorage.setItem('candor.supervisorPhone', phone);
  message.textContent = '';
  try {
    const result = await api('POST', `/api/calls/${encodeURIComponent(callId)}/supervision`,
      phone ? { mode, phone } : { mode });
    message.textContent = result.status === 'dialing' ? 'calling your phone…' : `now ${mode.replace('_', ' ')}`;
  } catch (e) {
    message.textContent = e.message;
    message.classList.add('error');
  }
}

async function refreshAgents() {
  const agents = await api('GET', '/api/agents');
  const body = document.querySelector('#agents tbody');
  body.replaceChildren(...agents.map(a => {
    const mayChange = state.role !== 'agent' || state.agent === a.name;
    const select = el('select', { disabled: !mayChange, 'data-agent': a.name });
    for (const v of ['available', 'wrap_up', 'away', 'offline', 'on_call']) {
      const opt = el('option', { value: v, selected: v === a.availability, disabled: v === 'on_call' }, v);
      select.append(opt);
    }
    select.addEventListener('change', async () => {
      try { await api('PUT', `/api/agents/${encodeURIComponent(a.name)}/availability`, { availability: select.value }); }
      catch (e) { alert(e.message); }
      refreshAgents();
    });
    return el('tr', {}, el('td', {}, a.name), el('td', {}, a.skills.join(', ')), el('td', {}, select));
  }));
}

async function refreshCallbacks() {
  const rows = await api('GET', '/api/callbacks');
  document.querySelector('#callbacks tbody').replaceChildren(...rows.map(c =>
    el('tr', {}, el('td', {}, c.dueAt), el('td', {}, c.phone), el('td', {}, c.note || ''))));
}

// Candor's registration at its trunk (GET /api/trunk), refreshed with everything else and every 30 s.
async function refreshTrunk() {
  const t = await api('GET', '/api/trunk');
  const cell = name => document.querySelector(`#trunk [data-field="${name}"]`);
  cell('state').textContent = t.configured ? t.state : 'not registering (sip.trunk.registrar is empty)';
  cell('state').dataset.state = t.state;
  cell('registrar').textContent = t.registrar || '';
  cell('user').textContent = t.user || '';
  cell('registeredUntil').textContent = t.registeredUntil
    ? `${t.registeredUntil} (in ${t.expiresInSeconds} s; asks for ${t.requestedExpirySeconds} s)` : '';
  cell('lastError').textContent = t.lastError
    ? `${t.lastError} at ${t.lastErrorAt}${t.consecutiveFailures ? ` (${t.consecutiveFailures} failures in a row)` : ''}` : '';
}
setInterval(() => { if (state.role && state.role !== 'agent') refreshTrunk().catch(() => {}); }, 30000);

// Outbound campaigns (supervisors): progress, start and pause, and a new campaign from a CSV lead list.
// Refreshed with everything else and every 10 s while the dialer works through the leads.
const count = counts => Object.entries(counts || {}).map(([k, v]) => `${k.replaceAll('_', ' ')} ${v}`).join(', ') || 'none';

async function refreshCampaigns() {
  const campaigns = await api('GET', '/api/campaigns');
  const body = document.querySelector('#campaigns tbody');
  body.replaceChildren(...campaigns.map(c => {
    const progress = c.progress || {};
    const action = c.status === 'running' ? ['pause', 'Pause'] : ['start', c.status === 'draft' ? 'Start' : 'Resume'];
    const button = el('button', { type: 'button', 'data-action': action[0] }, action[1]);
    button.addEventListener('click', () => changeCampaign(c.id, action[0]));
    return el('tr', { 'data-campaign': c.name },
      el('td', {}, c.name), el('td', { 'data-status': c.status }, c.status,
        c.notDialling ? el('div', { class: 'hint', 'data-field': 'not-dialling' }, c.notDialling) : ''),
      el('td', {}, `${c.callingHours} ${c.days}`), el('td', { 'data-field': 'leads' }, count(progress.leads)),
      el('td', { 'data-field': 'attempts' }, count(progress.attempts)), el('td', {}, button));
  }));
}
setInterval(() => { if (state.role && state.role !== 'agent') refreshCampaigns().catch(() => {}); }, 10000);

async function changeCampaign(id, action) {
  const error = document.getElementById('campaign-action-error');
  error.textContent = '';
  try { await api('POST', `/api/campaigns/${encodeURIComponent(id)}/${action}`); }
  catch (e) { error.textContent = e.message; }
  refreshCampaigns();
}

document.getElementById('new-campaign').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  const result = document.getElementById('new-campaign-result');
  result.textContent = '';
  result.className = '';
  const value = name => form.elements[name].value.trim();
  const body = { name: value('name'), callingHours: value('callingHours'), days: value('days'),
    maxConcurrentCalls: Number(value('maxConcurrentCalls')), maxCallsPerMinute: Number(value('maxCallsPerMinute')),
    maxAttempts: Number(value('maxAttempts')), retryDelaySeconds: Number(value('retryDelayMinutes')) * 60 };
  const file = form.elements.leads.files[0];
  if (file) body.leadsCsv = await file.text();
  try {
    const created = await api('POST', '/api/campaigns', body);
    const n = created.errors.length;
    const skipped = n ? `; ${n} ${n === 1 ? 'row' : 'rows'} not imported: ${created.errors.join('; ')}` : '';
    result.textContent = `Created ${created.name} as a draft with ${created.leadsAdded} leads${skipped}.`;
    form.reset();
  } catch (e) {
    result.textContent = e.message;
    result.className = 'error';
  }
  refreshCampaigns();
});

async function refreshHistory() {
  const calls = await api('GET', '/api/calls?limit=50');
  document.querySelector('#history tbody').replaceChildren(...calls.map(c => {
    const row = el('tr', { class: 'clickable', 'data-call': c.id }, el('td', {}, c.startedAt), el('td', {}, c.from),
      el('td', {}, c.agent || ''), el('td', {}, c.endedAt || 'in progress'), el('td', {}, c.endReason || ''));
    row.addEventListener('click', () => showCall(c.id));
    return row;
  }));
}

async function showCall(id) {
  const call = await api('GET', `/api/calls/${encodeURIComponent(id)}`);
  document.getElementById('call-detail').replaceChildren(
    el('h3', {}, `Call ${call.id}`),
    el('ol', { class: 'transcript' }, ...call.turns.map(t =>
      el('li', {}, el('span', { class: 'speaker' }, t.speaker), ': ', t.text, t.interrupted ? ' (interrupted)' : ''))),
    el('ul', {}, ...call.decisions.map(d => el('li', {}, `${d.kind}: ${d.reason}`))),
    ...recordingPlayer(call));
}

/** An audio player for the call's recording (decrypted by the server, same access rules as the call). */
function recordingPlayer(call) {
  if (!call.recording) return [];
  const r = call.recording;
  const audio = el('audio', { controls: true, preload: 'none', class: 'recording', 'data-recording': r.status });
  audio.src = `/api/calls/${encodeURIComponent(call.id)}/recording`;
  const seconds = r.durationMillis != null ? ` (${Math.round(r.durationMillis / 1000)} s)` : ' (in progress)';
  return [el('h4', {}, `Recording${seconds}`), audio];
}

function listen() {
  if (state.events) state.events.close();
  const source = new EventSource('/api/events');
  state.events = source;
  const stateLine = document.getElementById('events-state');
  source.onopen = () => { stateLine.textContent = 'live'; };
  source.onerror = () => { stateLine.textContent = 'live events interrupted; retrying…'; };
  for (const type of ['call_started', 'turn', 'status', 'decision']) {
    source.addEventListener(type, () => refreshLive());
  }
  source.addEventListener('call_ended', () => { refreshLive(); refreshHistory(); });
}

document.getElementById('login').addEventListener('submit', async (event) => {
  event.preventDefault();
  const error = document.getElementById('login-error');
  error.textContent = '';
  try {
    const session = await api('POST', '/api/login', {
      username: document.getElementById('username').value,
      password: document.getElementById('password').value });
    document.getElementById('password').value = '';
    showApp(session);
  } catch (e) {
    error.textContent = e.message;
  }
});

document.getElementById('logout').addEventListener('click', async () => {
  await api('POST', '/api/logout').catch(() => {});
  location.reload();
});

api('GET', '/api/session').then(showApp).catch(() => {});
