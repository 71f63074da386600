// ssal labeling page: one sample at a time, class buttons with number keys, undo, skip.
// Plain JavaScript, nothing loaded from elsewhere. Images are fetched with the Authorization header
// and shown through blob: URLs, so the token never appears in a URL (logs, history, Referer).
'use strict';

const TOKEN_KEY = 'ssal.labeling.token';
const LEASE_SIZE = 10;
const POLL_MS = 2000;
const TARGET_PX = 336; // 28 px samples are shown 12x

const $ = (id) => document.getElementById(id);
const ui = {
  status: $('status'), signIn: $('sign-in'), form: $('sign-in-form'), token: $('token'),
  pick: $('pick'), campaigns: $('campaigns'), work: $('work'), who: $('who'), whoCampaign: $('who-campaign'),
  image: $('sample'), caption: $('sample-caption'), classes: $('classes'), undo: $('undo'), skip: $('skip'),
  round: $('round-progress'), budget: $('budget-progress'), leaseProgress: $('lease-progress'),
};

const state = {
  campaign: null,   // CampaignSummary
  lease: null,      // LeaseView of the open lease
  queue: [],        // sample ids of the lease still to answer, in the order shown
  history: [],      // sample ids answered in this lease, last on top (undo)
  current: null,    // the sample on screen
  busy: false,
  pollTimer: null,
  imageUrl: null,
};

class HttpError extends Error {
  constructor(status, body) {
    super((body && body.message) || ('HTTP ' + status));
    this.status = status;
    this.body = body;
  }
}

function token() { return sessionStorage.getItem(TOKEN_KEY); }

async function call(method, path, body) {
  const headers = { 'Authorization': 'Bearer ' + token() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const type = response.headers.get('Content-Type') || '';
  const payload = type.includes('json') ? await response.json() : null;
  if (response.status === 401) {
    signOut('Your token was refused: ' + (payload ? payload.message : 'sign in again'));
    throw new HttpError(401, payload);
  }
  if (!response.ok) throw new HttpError(response.status, payload);
  return payload;
}

function say(message, isError) {
  ui.status.textContent = message || '';
  ui.status.classList.toggle('error', !!isError);
}

function show(section) {
  for (const s of [ui.signIn, ui.pick, ui.work]) s.hidden = s !== section;
  ui.who.hidden = section === ui.signIn;
}

// ---- sign in and campaigns ---------------------------------------------------------------

ui.form.addEventListener('submit', async (event) => {
  event.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, ui.token.value.trim());
  ui.token.value = '';
  await listCampaigns();
});

function signOut(message) {
  stopPolling();
  sessionStorage.removeItem(TOKEN_KEY);
  state.campaign = null;
  state.lease = null;
  show(ui.signIn);
  say(message || 'Signed out.', !!message);
  ui.token.focus();
}

$('sign-out').addEventListener('click', () => signOut());
$('change-campaign').addEventListener('click', () => listCampaigns());

async function listCampaigns() {
  stopPolling();
  state.campaign = null;
  let campaigns;
  try {
    campaigns = await call('GET', '/labeling/campaigns');
  } catch (e) {
    if (e.status !== 401) say('Cannot list campaigns: ' + e.message, true);
    return;
  }
  ui.campaigns.replaceChildren();
  for (const c of campaigns) {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.campaignId = c.campaignId;
    button.textContent = c.campaignId + ' — ' + c.dataset + ', ' + c.labeled + ' of ' + c.budget + ' labeled'
      + (c.finished ? ' (finished)' : '');
    button.addEventListener('click', () => startCampaign(c));
    item.appendChild(button);
    ui.campaigns.appendChild(item);
  }
  show(ui.pick);
  say(campaigns.length ? 'Pick a campaign to label.' : 'No campaign to label with this token.');
  ui.whoCampaign.textContent = '';
}

async function startCampaign(campaign) {
  state.campaign = campaign;
  ui.whoCampaign.textContent = 'Campaign ' + campaign.campaignId;
  show(ui.work);
  buildClassButtons(campaign.classNames);
  try {
    const open = await call('GET', '/labeling/leases?campaignId=' + encodeURIComponent(campaign.campaignId));
    if (open.length > 0) {
      takeLease(open[0]);
      say('Resumed your open lease.');
      return;
    }
  } catch (e) {
    if (e.status !== 401) say(e.message, true);
    return;
  }
  await leaseNext();
}

function buildClassButtons(names) {
  ui.classes.replaceChildren();
  (names || []).forEach((name, index) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'class';
    button.dataset.label = String(index);
    const key = keyOf(index);
    if (key) button.setAttribute('aria-keyshortcuts', key);
    button.setAttribute('aria-label', name + (key ? ' (key ' + key + ')' : ''));
    if (key) {
      const kbd = document.createElement('kbd');
      kbd.textContent = key;
      button.append(kbd, ' ');
    }
    button.append(name);
    button.addEventListener('click', () => answer(index));
    ui.classes.appendChild(button);
  });
}

/** Number keys: 1..9 for the first nine classes, 0 for the tenth. */
function keyOf(index) {
  if (index < 9) return String(index + 1);
  if (index === 9) return '0';
  return null;
}

// ---- leases --------------------------------------------------------------------------------

async function leaseNext() {
  stopPolling();
  setBusy(true);
  let lease;
  try {
    lease = await call('POST', '/labeling/leases', { campaignId: state.campaign.campaignId, max: LEASE_SIZE });
  } catch (e) {
    if (e.status !== 401) {
      say(e.message, true);
      pollLater();
    }
    return;
  }
  await refreshProgress();
  if (!lease.tasks.length) {
    state.lease = null;
    clearSample();
    say(lease.message || 'Nothing to label right now.');
    if (!(await campaignFinished())) pollLater();
    return;
  }
  takeLease(lease);
  say('');
}

function takeLease(lease) {
  state.lease = lease;
  const answered = lease.answers || {};
  state.history = Object.keys(answered);
  state.queue = lease.tasks.map((t) => t.sampleId).filter((id) => !(id in answered));
  showCurrent();
}

function pollLater() {
  stopPolling();
  state.pollTimer = setTimeout(leaseNext, POLL_MS);
}

function stopPolling() {
  if (state.pollTimer) clearTimeout(state.pollTimer);
  state.pollTimer = null;
}

async function campaignFinished() {
  try {
    const campaigns = await call('GET', '/labeling/campaigns');
    const mine = campaigns.find((c) => c.campaignId === state.campaign.campaignId);
    return !mine || mine.finished;
  } catch (e) {
    return false;
  }
}

async function refreshProgress() {
  try {
    const p = await call('GET', '/labeling/campaigns/' + encodeURIComponent(state.campaign.campaignId) + '/progress');
    ui.round.textContent = p.round < 0 ? 'not started'
      : p.round + ': ' + p.roundLabeled + ' of ' + p.roundQueried + ' labeled';
    ui.budget.textContent = p.labeled + ' of ' + p.budget + ' labels';
  } catch (e) {
    // progress is a courtesy; the labeling itself goes on
  }
  updateLeaseProgress();
}

function updateLeaseProgress() {
  if (!state.lease) {
    ui.leaseProgress.textContent = '–';
    return;
  }
  const total = state.lease.tasks.length;
  const until = state.lease.expiresAt ? ' (until ' + new Date(state.lease.expiresAt).toLocaleTimeString() + ')' : '';
  ui.leaseProgress.textContent = (total - state.queue.length) + ' of ' + total + ' answered' + until;
}

// ---- one sample ----------------------------------------------------------------------------

function taskOf(sampleId) {
  return state.lease.tasks.find((t) => t.sampleId === sampleId);
}

async function showCurrent() {
  updateLeaseProgress();
  if (!state.queue.length) {
    await leaseNext();
    return;
  }
  setBusy(true);
  state.current = state.queue[0];
  const task = taskOf(state.current);
  try {
    const response = await fetch(task.imageUrl, { headers: { 'Authorization': 'Bearer ' + token() } });
    if (!response.ok) {
      const body = await response.json().catch(() => null);
      throw new HttpError(response.status, body);
    }
    const blob = await response.blob();
    if (state.imageUrl) URL.revokeObjectURL(state.imageUrl);
    state.imageUrl = URL.createObjectURL(blob);
    await new Promise((resolve, reject) => {
      ui.image.onload = resolve;
      ui.image.onerror = () => reject(new Error('the image could not be shown'));
      ui.image.src = state.imageUrl;
    });
    const scale = Math.max(1, Math.floor(TARGET_PX / Math.max(ui.image.naturalWidth, ui.image.naturalHeight)));
    ui.image.style.width = (ui.image.naturalWidth * scale) + 'px';
    ui.image.style.height = (ui.image.naturalHeight * scale) + 'px';
    ui.image.alt = 'Sample ' + state.current;
    ui.image.dataset.sampleId = state.current;
    ui.caption.textContent = 'Sample ' + state.current;
  } catch (e) {
    say('Cannot show sample ' + state.current + ': ' + e.message, true);
  }
  setBusy(false);
}

function clearSample() {
  state.current = null;
  ui.image.removeAttribute('src');
  ui.image.alt = '';
  delete ui.image.dataset.sampleId;
  ui.caption.textContent = '';
  setBusy(false);
  for (const b of ui.classes.querySelectorAll('button')) b.disabled = true;
  ui.skip.disabled = true;
  ui.undo.disabled = true;
  updateLeaseProgress();
}

function setBusy(busy) {
  state.busy = busy;
  const ready = !busy && state.current !== null && state.lease !== null;
  ui.image.dataset.ready = String(ready);
  for (const b of ui.classes.querySelectorAll('button')) b.disabled = !ready;
  ui.skip.disabled = !ready;
  ui.undo.disabled = busy || !state.lease || state.history.length === 0;
}

async function answer(label) {
  if (state.busy || !state.current || !state.lease) return;
  if (label >= state.lease.tasks[0].classNames.length) return;
  setBusy(true);
  const sampleId = state.current;
  let result;
  try {
    result = await submit([{ sampleId, label }]);
  } catch (e) {
    return; // submit() said why and moved on
  }
  state.queue = state.queue.filter((id) => id !== sampleId);
  state.history.push(sampleId);
  say('');
  if (result.ended) {
    await leaseEnded('Lease complete: your ' + Object.keys(result.answers).length + ' answers count.');
    return;
  }
  await showCurrent();
}

async function submit(labels) {
  try {
    return await call('POST', '/labeling/leases/' + encodeURIComponent(state.lease.leaseId) + '/labels', { labels });
  } catch (e) {
    if (e.status === 409) {
      await leaseEnded('Your lease ended (' + e.message + '); here are new samples.');
    } else if (e.status !== 401) {
      say(e.message, true);
      setBusy(false);
    }
    throw e;
  }
}

async function leaseEnded(message) {
  state.lease = null;
  state.history = [];
  state.queue = [];
  state.current = null;
  say(message);
  await leaseNext();
  if (state.lease) say(message);
}

async function undo() {
  if (state.busy || !state.lease || state.history.length === 0) {
    say('Nothing to undo in this lease.');
    return;
  }
  setBusy(true);
  const sampleId = state.history[state.history.length - 1];
  try {
    await submit([{ sampleId, label: null }]);
  } catch (e) {
    return;
  }
  state.history.pop();
  state.queue = [sampleId].concat(state.queue.filter((id) => id !== sampleId));
  say('Answer to sample ' + sampleId + ' withdrawn; label it again.');
  await showCurrent();
}

async function skip() {
  if (state.busy || !state.current || !state.lease) return;
  if (state.queue.length > 1) {
    // answer later: the sample moves to the end of this lease
    state.queue = state.queue.slice(1).concat([state.current]);
    say('Skipped; it comes back at the end of this lease.');
    await showCurrent();
    return;
  }
  // the last open sample of the lease: release the lease (answers count, the sample goes back to the queue)
  setBusy(true);
  try {
    await call('POST', '/labeling/leases/' + encodeURIComponent(state.lease.leaseId) + '/release');
  } catch (e) {
    if (e.status !== 401) say(e.message, true);
  }
  await leaseEnded('Skipped: the sample went back to the queue; your other answers count.');
}

ui.undo.addEventListener('click', undo);
ui.skip.addEventListener('click', skip);

document.addEventListener('keydown', (event) => {
  if (ui.work.hidden || event.target instanceof HTMLInputElement || event.ctrlKey || event.metaKey || event.altKey) {
    return;
  }
  if (/^[0-9]$/.test(event.key)) {
    const index = event.key === '0' ? 9 : Number(event.key) - 1;
    event.preventDefault();
    answer(index);
  } else if (event.key === 'u' || event.key === 'U' || event.key === 'Backspace') {
    event.preventDefault();
    undo();
  } else if (event.key === 's' || event.key === 'S') {
    event.preventDefault();
    skip();
  }
});

// ---- start ------------------------------------------------------------------------------------

if (token()) {
  listCampaigns();
} else {
  show(ui.signIn);
}
