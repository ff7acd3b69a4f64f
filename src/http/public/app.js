// The registry's web page: plain browser JavaScript against the /api/v1 routes of the same origin.
// Served under a strict CSP (script-src 'self', script-src-attr 'none'): no inline handlers, no eval.

const API = '/api/v1';
const TOKEN_KEY = 'registry.token';

const DISTRICTS = [
  ['330102', '上城区'],
  ['330105', '拱墅区'],
  ['330106', '西湖区'],
  ['330108', '滨江区'],
  ['330109', '萧山区'],
  ['330110', '余杭区'],
  ['330111', '富阳区'],
  ['330112', '临安区'],
  ['330113', '临平区'],
  ['330114', '钱塘区'],
  ['330122', '桐庐县'],
  ['330127', '淳安县'],
  ['330182', '建德市'],
];
// Old records keep the codes retired in 2021; they are named when shown, never offered for new input.
const RETIRED = { 330103: '下城区', 330104: '江干区' };

const ROLE_NAMES = {
  admin: '管理员',
  officer: '知识产权专员',
  auditor: '审计员',
  reporter: '统计报告员',
};

// What each role may do, as api.md grants it; the server enforces it, the page only avoids dead ends.
const CAN = {
  read: ['admin', 'officer', 'reporter'],
  write: ['admin', 'officer'],
  audit: ['admin', 'auditor'],
};

const STATUSES = {
  filed: '已申请',
  published: '初审公告',
  refused: '已驳回',
  registered: '已注册',
  lapsed: '期满未续展',
  revoked: '已撤销',
  surrendered: '已注销',
  invalidated: '已宣告无效',
};

const KINDS = { ordinary: '普通商标', collective: '集体商标', certification: '证明商标' };

const EVENTS = {
  TrademarkFiled: '提交申请',
  TrademarkPreliminarilyApproved: '初步审定公告',
  TrademarkOpposed: '提出异议',
  TrademarkOppositionDecided: '异议裁定',
  TrademarkRefused: '驳回',
  TrademarkRegistered: '核准注册',
  TrademarkRenewed: '续展',
  TrademarkAssigned: '转让',
  TrademarkLicenceRecorded: '许可备案',
  TrademarkRevoked: '撤销',
  TrademarkInvalidated: '宣告无效',
  TrademarkSurrendered: '注销',
  TrademarkLapsed: '期满失效',
};

const INDICATOR_EN = {
  'valid-trademarks': 'Valid registered trademarks',
  'geographical-indications': 'Geographical indications in force',
  'madrid-registrations': 'Madrid international registrations in force',
  'pinzibiao-enterprises': '“Pinzibiao” enterprises fostered',
  'zhejiang-made-premium': 'Zhejiang Made premium products',
  'single-champion-enterprises': 'Single-champion enterprises',
  'high-quality-service-certificates': 'High-quality service certificates',
  'quality-brand-demonstration-zones': 'National quality-brand demonstration zones',
};

const $ = (selector) => document.querySelector(selector);

/** An element with text children only: everything from the API is text, never markup. */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'className') node.className = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

const en = (text) => el('span', { className: 'en' }, text);
const districtName = (code) => (DISTRICTS.find(([c]) => c === code) ?? [])[1] ?? RETIRED[code] ?? code ?? '';

/** Today's calendar date in China time, whatever the browser's zone: legal dates are Asia/Shanghai. */
function todayInShanghai() {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date());
  const part = (type) => parts.find((p) => p.type === type)?.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

function formatTime(iso) {
  if (typeof iso !== 'string') return '';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'medium',
    timeStyle: 'medium',
  }).format(at);
}

const numberFormat = new Intl.NumberFormat('zh-CN');

/** crypto.randomUUID needs a secure context; a registry reached over plain HTTP on a LAN is not one. */
function newKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

// ---------------------------------------------------------------------------------------------------
// The API

class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? {};
  }
}

const session = { token: sessionStorage.getItem(TOKEN_KEY), role: null };

async function api(path, { method = 'GET', body, headers = {}, token = session.token } = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers } };
  if (token) init.headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(`${API}${path}`, init);
  } catch {
    throw new ApiError(0, { detail: '无法连接服务器 (the server cannot be reached)' });
  }
  const text = await response.text();
  let json = null;
  try {
    json = text === '' ? null : JSON.parse(text);
  } catch {
    json = null;
  }
  if (!response.ok) throw new ApiError(response.status, json);
  return { status: response.status, headers: response.headers, body: json };
}

const query = (params) => {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && String(value).trim() !== '')
      search.set(name, String(value).trim());
  }
  const s = search.toString();
  return s === '' ? '' : `?${s}`;
};

const problemText = (error) =>
  error instanceof ApiError
    ? `${error.status ? `${error.status} ` : ''}${error.problem.detail ?? error.message}`
    : String(error?.message ?? error);

function setStatus(node, text, kind = 'info') {
  node.textContent = text;
  node.dataset.kind = kind;
}

// ---------------------------------------------------------------------------------------------------
// Sign in: the token's own role, from the registry.

async function roleOf(token) {
  const me = await api('/tokens/me', { token });
  return me.body.role;
}

const can = (capability) => session.role !== null && CAN[capability].includes(session.role);

async function signIn(token) {
  const error = $('#signin-error');
  error.hidden = true;
  setStatus($('#session'), '正在验证令牌… Checking the token…');
  try {
    const role = await roleOf(token);
    session.token = token;
    session.role = role;
    sessionStorage.setItem(TOKEN_KEY, token);
    $('#token').value = '';
    showSignedIn();
  } catch (e) {
    session.token = null;
    session.role = null;
    sessionStorage.removeItem(TOKEN_KEY);
    showSignedOut();
    error.textContent = `登录失败 Sign-in failed: ${problemText(e)}`;
    error.hidden = false;
  }
}

function signOut() {
  session.token = null;
  session.role = null;
  sessionStorage.removeItem(TOKEN_KEY);
  showSignedOut();
  $('#token').focus();
}

function showSignedIn() {
  const status = $('#session');
  status.replaceChildren(
    '已登录 ',
    en('Signed in'),
    ' · 角色 ',
    en('role'),
    ' ',
    el('strong', { id: 'role', 'data-role': session.role }, `${ROLE_NAMES[session.role]} ${session.role}`),
  );
  status.dataset.kind = 'ok';
  clearPanels();
  $('#signout').hidden = false;
  $('#token').closest('.field').hidden = true;
  $('#signin-button').hidden = true;
  $('#welcome').hidden = true;
  $('#tabs').hidden = false;
  $('#tab-indicators').hidden = !can('read');
  $('#tab-filing').hidden = !can('write');
  $('#search-form').hidden = !can('read');
  const first = can('read') ? 'indicators' : 'trademarks';
  selectTab(first);
  if (can('read')) void loadIndicators();
}

/** What one token's session showed must not stay on screen for the next one. */
function clearPanels() {
  for (const id of ['#indicators-table', '#search-table', '#history-table']) {
    $(id).tBodies[0].replaceChildren();
  }
  $('#indicators-table').hidden = true;
  $('#search-table').hidden = true;
  $('#search-more').hidden = true;
  $('#record').hidden = true;
  $('#record-state').replaceChildren();
  for (const id of ['#indicators-status', '#search-status', '#record-status']) setStatus($(id), '');
  $('#search-form').reset();
  $('#open-form').reset();
  $('#filing-form').reset();
  searchParams = null;
}

function showSignedOut() {
  setStatus($('#session'), '未登录 Not signed in');
  clearPanels();
  $('#signout').hidden = true;
  $('#token').closest('.field').hidden = false;
  $('#signin-button').hidden = false;
  $('#welcome').hidden = false;
  $('#tabs').hidden = true;
  for (const panel of document.querySelectorAll('[role="tabpanel"]')) panel.hidden = true;
}

// ---------------------------------------------------------------------------------------------------
// Tabs (WAI-ARIA tabs pattern: arrow keys move between tabs, Tab moves into the panel)

const visibleTabs = () => [...document.querySelectorAll('[role="tab"]')].filter((t) => !t.hidden);

function selectTab(name, focus = false) {
  for (const tab of document.querySelectorAll('[role="tab"]')) {
    const selected = tab.id === `tab-${name}`;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
    $(`#${tab.getAttribute('aria-controls')}`).hidden = !selected;
    if (selected && focus) tab.focus();
  }
}

function onTabKey(event) {
  const tabs = visibleTabs();
  const at = tabs.indexOf(event.target);
  if (at < 0) return;
  let next = null;
  if (event.key === 'ArrowRight') next = tabs[(at + 1) % tabs.length];
  else if (event.key === 'ArrowLeft') next = tabs[(at - 1 + tabs.length) % tabs.length];
  else if (event.key === 'Home') next = tabs[0];
  else if (event.key === 'End') next = tabs[tabs.length - 1];
  if (next === null) return;
  event.preventDefault();
  selectTab(next.id.slice('tab-'.length), true);
}

// ---------------------------------------------------------------------------------------------------
// 指标

function progressCell(progress) {
  if (progress === null || progress === undefined) return el('td', { 'data-label': '进度' }, '—');
  const percent = progress * 100;
  const shown = Math.max(0, Math.min(100, percent));
  const label = `${percent.toFixed(1)}%`;
  return el(
    'td',
    { className: 'progress', 'data-label': '进度' },
    el('progress', { max: 100, value: shown.toFixed(1), 'aria-label': label }),
    el('span', { className: percent < 0 ? 'below' : '' }, label),
  );
}

function indicatorRow(ind) {
  return el(
    'tr',
    { 'data-indicator': ind.id },
    el('th', { scope: 'row' }, el('span', { className: 'zh' }, ind.name), en(INDICATOR_EN[ind.id] ?? ind.id)),
    el(
      'td',
      { className: 'num value', 'data-label': '当前值' },
      `${numberFormat.format(ind.value)} ${ind.unit}`,
    ),
    el(
      'td',
      { className: 'num', 'data-label': '基期' },
      numberFormat.format(ind.baseline.value),
      el('span', { className: 'year' }, ` (${ind.baseline.year})`),
    ),
    el(
      'td',
      { className: 'num', 'data-label': '目标' },
      numberFormat.format(ind.target.value),
      el('span', { className: 'year' }, ` (${ind.target.year})`),
    ),
    progressCell(ind.progress),
  );
}

/** datetime-local has no zone; the page reads it as China time, like every date in the registry. */
function knownAtOf(value) {
  if (value === '') return undefined;
  const withSeconds = value.length === 16 ? `${value}:00` : value;
  return `${withSeconds}+08:00`;
}

async function loadIndicators() {
  const form = $('#indicators-form');
  const status = $('#indicators-status');
  const table = $('#indicators-table');
  const params = {
    asOf: form.asOf.value,
    district: form.district.value,
    knownAt: knownAtOf(form.knownAt.value),
  };
  setStatus(status, '加载中… Loading…');
  try {
    const { body } = await api(`/indicators${query(params)}`);
    const where = body.district ? districtName(body.district) : '全市';
    const known = body.knownAt ? ` · 截至记录 ${formatTime(body.knownAt)}` : '';
    $('#indicators-caption').textContent = `${where} · ${body.asOf}${known}`;
    table.tBodies[0].replaceChildren(...body.indicators.map(indicatorRow));
    table.hidden = false;
    setStatus(status, '');
  } catch (error) {
    table.hidden = true;
    setStatus(status, problemText(error), 'error');
  }
}

// ---------------------------------------------------------------------------------------------------
// 商标: search, record, history

let searchParams = null;

function statusBadge(status) {
  return el('span', { className: `badge ${status}` }, STATUSES[status] ?? status, ' ', en(status));
}

function resultRow(item) {
  const open = el('button', { type: 'button', className: 'link', 'data-number': item.number }, item.number);
  open.addEventListener('click', () => void openRecord(item.number));
  return el(
    'tr',
    {},
    el('td', { 'data-label': '号码' }, open),
    el('td', { 'data-label': '商标' }, item.markText),
    el('td', { 'data-label': '类别' }, (item.classes ?? []).join(', ')),
    el('td', { 'data-label': '状态' }, statusBadge(item.status)),
    el('td', { 'data-label': '持有人' }, item.holder?.name ?? ''),
    el('td', { 'data-label': '区县' }, districtName(item.holder?.district ?? item.district)),
    el('td', { 'data-label': '申请日' }, item.filingDate ?? ''),
    el('td', { 'data-label': '到期日' }, item.expiryDate ?? ''),
  );
}

async function search(cursor) {
  const status = $('#search-status');
  const table = $('#search-table');
  const more = $('#search-more');
  setStatus(status, '搜索中… Searching…');
  try {
    const { body } = await api(`/trademarks${query({ ...searchParams, cursor })}`);
    const rows = body.items.map(resultRow);
    if (cursor === undefined) table.tBodies[0].replaceChildren(...rows);
    else table.tBodies[0].append(...rows);
    const total = table.tBodies[0].rows.length;
    table.hidden = total === 0;
    more.hidden = body.nextCursor === null;
    more.dataset.cursor = body.nextCursor ?? '';
    setStatus(status, total === 0 ? '没有找到记录 No records found' : `共显示 ${total} 条 ${total} shown`);
  } catch (error) {
    more.hidden = true;
    setStatus(status, problemText(error), 'error');
  }
}

function holderText(holder) {
  if (!holder) return '';
  return `${holder.name}（${holder.uscc}，${districtName(holder.district)}）`;
}

function stateEntries(state) {
  const entries = [
    ['号码', 'Number', state.number],
    ['商标文字', 'Mark', state.markText],
    ['状态', 'Status', statusBadge(state.status)],
    ['种类', 'Kind', `${KINDS[state.kind] ?? state.kind} ${state.kind ?? ''}`],
    ['尼斯分类', 'Classes', (state.classes ?? []).join(', ')],
    ['持有人', 'Holder', holderText(state.holder)],
    ['持有起始', 'Holder since', state.holderSince],
    ['申请日', 'Filed', state.filingDate],
    ['初审公告日', 'Published', state.publicationDate],
    ['异议期届满', 'Opposition period ends', state.oppositionPeriodEnds],
    ['注册日', 'Registered', state.registrationDate],
    ['专用期至', 'Expires', state.expiryDate],
    ['续展次数', 'Renewals', state.renewals],
    ['许可备案', 'Licences', state.licences?.length || undefined],
    ['异议', 'Oppositions', state.oppositions?.length || undefined],
    ['版本', 'Revision', state.revision],
  ];
  return entries.filter(([, , value]) => value !== undefined && value !== null && value !== '');
}

function renderState(state) {
  $('#record-state').replaceChildren(
    ...stateEntries(state).flatMap(([zh, english, value]) => [
      el('dt', {}, zh, ' ', en(english)),
      el('dd', {}, value),
    ]),
  );
}

/** Why an event happened: its legal date or ground where it has one, and the request that caused it. */
function whyOf(event) {
  const data = event.data ?? {};
  const reasons = [];
  for (const key of ['ground', 'reason', 'outcome', 'revocationGround', 'invalidationGround']) {
    if (typeof data[key] === 'string') reasons.push(`${key}: ${data[key]}`);
  }
  const details = el(
    'details',
    {},
    el('summary', {}, '数据 ', en('data')),
    el('pre', {}, JSON.stringify(data, null, 2)),
  );
  return el(
    'td',
    { 'data-label': '依据' },
    reasons.length > 0 ? el('div', {}, reasons.join('; ')) : null,
    el('div', { className: 'ids' }, `correlation ${event.metadata?.$correlationId ?? '—'}`),
    details,
  );
}

function historyRow(event) {
  const actor = event.metadata?.actor ?? {};
  const role = actor.role ? `${ROLE_NAMES[actor.role] ?? ''} ${actor.role}` : '';
  return el(
    'tr',
    { 'data-type': event.type },
    el('td', { className: 'num', 'data-label': '版本' }, event.revision),
    el(
      'td',
      { 'data-label': '事件' },
      el('span', { className: 'zh' }, EVENTS[event.type] ?? event.type),
      en(event.type),
    ),
    el('td', { 'data-label': '生效日期' }, event.metadata?.effectiveDate ?? ''),
    el('td', { 'data-label': '记录时间' }, formatTime(event.metadata?.recordedAt ?? event.created)),
    el(
      'td',
      { className: 'actor', 'data-label': '操作人' },
      el('span', {}, role),
      el('code', {}, actor.id ?? ''),
    ),
    whyOf(event),
  );
}

async function openRecord(number) {
  const record = $('#record');
  const status = $('#record-status');
  record.hidden = false;
  $('#record-title').replaceChildren('商标 ', en('Trademark'), ` ${number}`);
  $('#record-state').replaceChildren();
  $('#history').hidden = true;
  setStatus(status, '加载中… Loading…');
  record.focus();
  const problems = [];
  if (can('read')) {
    try {
      const { body } = await api(`/trademarks/${encodeURIComponent(number)}`);
      renderState(body);
    } catch (error) {
      problems.push(problemText(error));
    }
  }
  if (can('audit')) {
    try {
      const { body } = await api(`/streams/${encodeURIComponent(`trademark-${number}`)}`);
      $('#history-table').tBodies[0].replaceChildren(...body.events.map(historyRow));
      $('#history').hidden = false;
    } catch (error) {
      problems.push(problemText(error));
    }
  }
  if (problems.length > 0) setStatus(status, [...new Set(problems)].join('；'), 'error');
  else if (!can('read'))
    setStatus(status, '审计角色查看事件历史，不含当前状态 Auditors see the event history');
  else setStatus(status, '');
}

// ---------------------------------------------------------------------------------------------------
// 登记

const FIELD_OF_PATH = [
  [/^body\.number$/, 'number'],
  [/^body\.markText$/, 'markText'],
  [/^body\.kind$/, 'kind'],
  [/^body\.classes(\.|$)/, 'classes'],
  [/^body\.filingDate$/, 'filingDate'],
  [/^body\.applicants\.0\.name$/, 'applicantName'],
  [/^body\.applicants\.0\.uscc$/, 'applicantUscc'],
  [/^body\.applicants\.0\.district$/, 'applicantDistrict'],
  [/^body\.applicants(\.0)?$/, 'applicantName'],
];

const fieldOfPath = (path) => FIELD_OF_PATH.find(([pattern]) => pattern.test(path))?.[1];

/** Kept until the form changes, so a second click or a retry of the same filing is a replay. */
let filingKey = newKey();

function clearFieldErrors(form) {
  for (const node of form.querySelectorAll('.field-error')) {
    node.hidden = true;
    node.textContent = '';
  }
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  $('#filing-form-error').hidden = true;
}

function showFieldErrors(form, problem) {
  const leftovers = [];
  let first = null;
  for (const { path, message } of problem.errors ?? []) {
    const field = fieldOfPath(path);
    const node = field && $(`#f-${field}-error`);
    if (!node) {
      leftovers.push(`${path}: ${message}`);
      continue;
    }
    const text = field === 'classes' ? `${classEntryOf(form, path)}${message}` : message;
    node.textContent = node.textContent ? `${node.textContent}；${text}` : text;
    node.hidden = false;
    const input = $(`#f-${field}`);
    input.setAttribute('aria-invalid', 'true');
    first ??= input;
  }
  const formError = $('#filing-form-error');
  const summary = first ? '请更正标出的字段 Please correct the marked fields' : (problem.detail ?? '');
  formError.textContent = [summary, ...leftovers].filter(Boolean).join('\n');
  formError.hidden = formError.textContent === '';
  (first ?? formError).focus?.();
}

/** Which comma-list entry a `body.classes.N` error is about, as the officer typed it. */
function classEntryOf(form, path) {
  const index = /^body\.classes\.(\d+)$/.exec(path)?.[1];
  if (index === undefined) return '';
  const entry = classesOf(form.classes.value)[Number(index)];
  return entry === undefined ? '' : `“${entry}”: `;
}

/** "30, 35" → [30, 35]; anything else goes as typed, so the server names the bad entry. */
function classesOf(text) {
  return text
    .split(/[,，、;；\s]+/)
    .filter((part) => part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function filingBody(form) {
  return {
    number: form.number.value.trim(),
    markText: form.markText.value.trim(),
    kind: form.kind.value,
    classes: classesOf(form.classes.value),
    applicants: [
      {
        name: form.applicantName.value.trim(),
        uscc: form.applicantUscc.value.trim().toUpperCase(),
        district: form.applicantDistrict.value,
      },
    ],
    filingDate: form.filingDate.value,
  };
}

function showFilingResult(status, headers, body) {
  const replayed = headers.get('Idempotent-Replayed') === 'true';
  const result = $('#filing-result');
  result.replaceChildren(
    el('p', { className: 'ok' }, status === 201 ? '已登记 ' : '已记录 ', en('Recorded')),
    el(
      'dl',
      {},
      el('dt', {}, '流 ', en('Stream')),
      el('dd', { id: 'result-stream' }, body.streamId),
      el('dt', {}, '版本 ', en('Revision')),
      el('dd', { id: 'result-revision' }, body.revision),
      el('dt', {}, '事件 ', en('Events')),
      el('dd', {}, (body.events ?? []).map((t) => `${EVENTS[t] ?? t} ${t}`).join('，')),
    ),
    replayed
      ? el('p', { className: 'hint' }, '重复提交，未追加新事件 Same submission: nothing appended')
      : null,
  );
  result.dataset.kind = 'ok';
  result.hidden = false;
}

async function submitFiling(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const button = $('#filing-submit');
  if (button.disabled) return;
  button.disabled = true;
  clearFieldErrors(form);
  const result = $('#filing-result');
  result.hidden = true;
  try {
    const { status, headers, body } = await api('/trademarks', {
      method: 'POST',
      body: filingBody(form),
      headers: { 'Idempotency-Key': filingKey },
    });
    showFilingResult(status, headers, body);
  } catch (error) {
    if (error instanceof ApiError && error.status === 400) showFieldErrors(form, error.problem);
    else {
      const formError = $('#filing-form-error');
      formError.textContent = `提交失败 Not recorded: ${problemText(error)}`;
      formError.hidden = false;
    }
  } finally {
    button.disabled = false;
  }
}

// ---------------------------------------------------------------------------------------------------
// Wiring

function fillSelects() {
  for (const select of document.querySelectorAll('[data-districts]')) {
    const first =
      select.dataset.districts === 'all'
        ? el('option', { value: '' }, '全市 All districts')
        : el('option', { value: '' }, '请选择 Choose…');
    select.replaceChildren(
      first,
      ...DISTRICTS.map(([code, name]) => el('option', { value: code }, `${name} ${code}`)),
    );
  }
  for (const select of document.querySelectorAll('[data-statuses]')) {
    select.replaceChildren(
      el('option', { value: '' }, '全部 Any'),
      ...Object.entries(STATUSES).map(([code, name]) => el('option', { value: code }, `${name} ${code}`)),
    );
  }
}

function wire() {
  fillSelects();
  $('#ind-asof').value = todayInShanghai();

  $('#signin').addEventListener('submit', (event) => {
    event.preventDefault();
    const token = $('#token').value.trim();
    if (token !== '') void signIn(token);
  });
  $('#signout').addEventListener('click', signOut);

  for (const tab of document.querySelectorAll('[role="tab"]')) {
    tab.addEventListener('click', () => selectTab(tab.id.slice('tab-'.length)));
    tab.addEventListener('keydown', onTabKey);
  }

  $('#indicators-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void loadIndicators();
  });

  $('#search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    searchParams = Object.fromEntries(new FormData(form));
    void search(undefined);
  });
  $('#search-more').addEventListener('click', (event) => {
    void search(event.currentTarget.dataset.cursor);
  });

  $('#open-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const number = event.currentTarget.number.value.trim();
    if (number !== '') void openRecord(number);
  });

  const filing = $('#filing-form');
  filing.addEventListener('submit', submitFiling);
  // A changed form is a new submission and gets a new key; an unchanged one replays the first answer.
  filing.addEventListener('input', () => {
    filingKey = newKey();
  });
  filing.addEventListener('reset', () => {
    filingKey = newKey();
    clearFieldErrors(filing);
    $('#filing-result').hidden = true;
  });

  if (session.token) void signIn(session.token);
  else showSignedOut();
}

wire();
