// Recourse complaints dashboard.
//
// Reads the reports API on this origin with the bearer token pasted into the page and draws the
// figures as plain HTML and inline SVG. The token lives in this tab's sessionStorage only; it is
// never put in a URL and never written to the console.
//
// Periods are whole days in UTC: "from" is included from 00:00Z, "to" is included up to the next
// day's 00:00Z (the API's `to` is exclusive).
'use strict';

(() => {
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const TOKEN_KEY = 'recourse.dashboard.token';
  const DAY_MS = 86400000;
  const DEFAULT_WEEKS = 26;

  const state = {
    token: '',
    teamsLoadedFor: null, // the token the team list was loaded with
    teamNames: new Map(),
    allTeams: true, // whether the caller's reports reach every team
    ownTeam: null, // the one team a team-scoped caller reaches
    seq: 0,
    loads: 0,
  };

  const $ = (id) => document.getElementById(id);

  // --- formatting ---------------------------------------------------------------------------

  const intFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
  const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const shortDateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

  const isNumber = (v) => typeof v === 'number' && Number.isFinite(v);
  const isRate = (v) => v !== null && typeof v === 'object' && isNumber(v.denominator) && isNumber(v.numerator);
  const fmtInt = (v) => (isNumber(v) ? intFormat.format(v) : '—');
  const fmtDecimal = (v) => (isNumber(v) ? v.toFixed(1) : '—');
  const fmtPercent = (v) => (isNumber(v) ? `${v.toFixed(1)}%` : '—');
  const fmtDay = (iso) => dateFormat.format(new Date(`${iso}T00:00:00Z`));
  const fmtShortDay = (iso) => shortDateFormat.format(new Date(`${iso}T00:00:00Z`));
  const humanize = (key) => {
    const words = key.replace(/_/g, ' ').trim();
    return words.charAt(0).toUpperCase() + words.slice(1);
  };
  const slug = (key) => key.replace(/_/g, '-');

  // --- dates --------------------------------------------------------------------------------

  const isoDay = (date) => date.toISOString().slice(0, 10);
  const isoInstant = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');

  function defaultPeriod() {
    const today = new Date();
    const todayMs = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
    return { from: isoDay(new Date(todayMs - DEFAULT_WEEKS * 7 * DAY_MS)), to: isoDay(new Date(todayMs)) };
  }

  /** The API's half-open instant range for the inclusive day range [from, to]. */
  function instants(from, to) {
    const start = Date.parse(`${from}T00:00:00Z`);
    const end = Date.parse(`${to}T00:00:00Z`) + DAY_MS;
    return { from: isoInstant(start), to: isoInstant(end) };
  }

  // --- API ----------------------------------------------------------------------------------

  class ApiError extends Error {
    constructor(status, problem) {
      super(problem.title || `HTTP ${status}`);
      this.status = status;
      this.problem = problem;
    }
  }

  async function api(path, params = {}) {
    const url = new URL(path, window.location.origin);
    for (const [key, value] of Object.entries(params)) {
      if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, value);
    }
    let resp;
    try {
      resp = await fetch(url, {
        headers: { Authorization: `Bearer ${state.token}`, Accept: 'application/json' },
        cache: 'no-store',
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
      });
    } catch (err) {
      throw new ApiError(0, { title: 'The server could not be reached', detail: 'Check the connection and try again.' });
    }
    let body = null;
    if ((resp.headers.get('content-type') || '').includes('json')) {
      try {
        body = await resp.json();
      } catch (err) {
        body = null;
      }
    }
    if (!resp.ok) throw new ApiError(resp.status, body && typeof body === 'object' ? body : {});
    return body;
  }

  // Roles whose reports and lists reach every team (docs/access.md, "Scope"); the reporting
  // team leader reaches only the team in its token.
  const ALL_TEAM_ROLES = ['analyst', 'admin', 'auditor'];

  /** Fills the team picker with the teams the caller's reports reach, and no others. */
  async function loadTeams() {
    const me = await api('/v1/me');
    const roles = Array.isArray(me.roles) ? me.roles : [];
    state.allTeams = roles.some((r) => ALL_TEAM_ROLES.includes(r));
    state.ownTeam = !state.allTeams && me.team ? me.team : null;

    const teams = [];
    let cursor;
    do {
      const page = await api('/v1/teams', { limit: 200, cursor });
      teams.push(...page.items);
      cursor = page.next_cursor;
    } while (cursor);

    const select = $('team');
    const chosen = select.value;
    state.teamNames = new Map();
    for (const team of teams) state.teamNames.set(team.id, team.name);
    if (state.allTeams || !state.ownTeam) {
      select.replaceChildren(option('', state.allTeams ? 'All teams' : 'All teams in your scope'));
      if (state.allTeams) {
        for (const team of teams) select.append(option(team.id, teamLabel(team.id)));
      }
      select.value = state.allTeams && state.teamNames.has(chosen) ? chosen : '';
    } else {
      select.replaceChildren(option(state.ownTeam, teamLabel(state.ownTeam)));
      select.value = state.ownTeam;
    }
    select.dataset.scope = state.allTeams ? 'all' : state.ownTeam ? 'team' : 'none';
    state.teamsLoadedFor = state.token;
  }

  function teamLabel(id) {
    const name = state.teamNames.get(id);
    return !name || name === id ? id : `${name} (${id})`;
  }

  function option(value, label) {
    const el = document.createElement('option');
    el.value = value;
    el.textContent = label;
    return el;
  }

  // --- messages and state -------------------------------------------------------------------

  function showMessage(kind, title, lines = []) {
    const box = $('message');
    box.className = `message ${kind}`;
    box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    const heading = document.createElement('strong');
    heading.textContent = title;
    box.replaceChildren(heading);
    for (const line of lines.filter(Boolean)) {
      const p = document.createElement('p');
      p.textContent = line;
      box.append(p);
    }
    box.hidden = false;
  }

  function clearMessage() {
    const box = $('message');
    box.hidden = true;
    box.replaceChildren();
  }

  function showProblem(err) {
    if (!(err instanceof ApiError)) {
      showMessage('error', 'The dashboard could not show the figures', [err && err.message]);
      return;
    }
    const p = err.problem || {};
    const reference = [p.code && `Code: ${p.code}`, err.status && `HTTP ${err.status}`].filter(Boolean).join(' · ');
    if (err.status === 401) {
      showMessage('error', 'Your token was not accepted (401)', [
        p.detail || p.title,
        'Paste a current token and try again.',
        reference,
      ]);
    } else if (err.status === 403) {
      showMessage('error', 'Your token does not allow reading these reports (403)', [
        p.detail || p.title,
        'Reports need the analyst, auditor, admin or team leader role.',
        reference,
      ]);
    } else {
      showMessage('error', p.title || 'The request failed', [p.detail, reference]);
    }
  }

  function setState(name) {
    const main = $('dashboard');
    main.dataset.state = name;
    main.setAttribute('aria-busy', name === 'loading' ? 'true' : 'false');
    $('load').disabled = name === 'loading';
  }

  // --- SVG helpers --------------------------------------------------------------------------

  function svg(tag, attrs = {}, text) {
    const el = document.createElementNS(SVG_NS, tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (value !== undefined && value !== null) el.setAttribute(key, String(value));
    }
    if (text !== undefined) el.textContent = text;
    return el;
  }

  /** A "nice" axis maximum and step for values up to `max`. */
  function niceScale(max, ticks = 5) {
    if (!(max > 0)) return { max: 1, step: 1 };
    const raw = max / ticks;
    const magnitude = 10 ** Math.floor(Math.log10(raw));
    const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw);
    const stepInt = Math.max(1, step);
    return { max: Math.ceil(max / stepInt) * stepInt, step: stepInt };
  }

  function emptyChart(figure, text) {
    const p = document.createElement('p');
    p.className = 'empty';
    p.textContent = text;
    figure.replaceChildren(p);
  }

  function legend(entries) {
    const list = document.createElement('ul');
    list.className = 'legend';
    for (const [cls, label] of entries) {
      const item = document.createElement('li');
      const swatch = document.createElement('span');
      swatch.className = `swatch ${cls}`;
      swatch.setAttribute('aria-hidden', 'true');
      item.append(swatch, document.createTextNode(label));
      list.append(item);
    }
    return list;
  }

  // --- KPIs ---------------------------------------------------------------------------------

  function setKpi(testid, text, value) {
    const el = document.querySelector(`[data-testid="${testid}"]`);
    el.textContent = text;
    el.dataset.value = isNumber(value) ? String(value) : '';
  }

  function setRateKpi(testid, rate, what, minCases) {
    setKpi(testid, fmtPercent(rate.percent), rate.percent);
    const el = document.querySelector(`[data-testid="${testid}"]`);
    el.dataset.numerator = String(rate.numerator);
    el.dataset.denominator = String(rate.denominator);
    el.dataset.robust = String(rate.robust);
    el.classList.toggle('not-robust', !rate.robust);
    const note = document.querySelector(`[data-testid="${testid}-counts"]`);
    note.textContent = `${fmtInt(rate.numerator)} of ${fmtInt(rate.denominator)} ${what}`;
    if (!rate.robust) {
      const flag = document.createElement('span');
      flag.className = 'flag';
      flag.textContent = minCases ? ` · fewer than ${minCases} cases` : ' · few cases';
      note.append(flag);
    }
  }

  function renderKpis(volumes, timeliness, outcomes, minCases) {
    setKpi('kpi-received', fmtInt(volumes.received), volumes.received);
    setKpi('kpi-closed', fmtInt(volumes.closed), volumes.closed);
    setKpi('kpi-open', fmtInt(volumes.open), volumes.open);
    setRateKpi('kpi-responded-in-time', timeliness.responded_in_time, 'deadlines met', minCases);
    setKpi('kpi-median-days', fmtDecimal(timeliness.median_business_days_to_response), timeliness.median_business_days_to_response);
    setRateKpi('kpi-upheld', outcomes.upheld, 'decided', minCases);
    setKpi('kpi-in-scope', fmtInt(volumes.in_scope), volumes.in_scope);
  }

  // --- weekly trend -------------------------------------------------------------------------

  function renderTrend(series) {
    const figure = $('trend-chart');
    figure.dataset.points = String(series.length);
    const hasBreached = series.some((p) => isNumber(p.breached));
    figure.dataset.breached = String(hasBreached);
    renderTrendTable(series, hasBreached);
    if (series.length === 0) {
      emptyChart(figure, 'No complaints in this period.');
      return;
    }

    const lines = [
      ['received', 'Received'],
      ['closed', 'Closed'],
    ];
    if (hasBreached) lines.push(['breached', 'Breached']);

    const W = 640;
    const H = 280;
    const m = { top: 16, right: 16, bottom: 34, left: 44 };
    const iw = W - m.left - m.right;
    const ih = H - m.top - m.bottom;
    const max = Math.max(0, ...series.flatMap((p) => lines.map(([k]) => (isNumber(p[k]) ? p[k] : 0))));
    const scale = niceScale(max);
    const x = (i) => m.left + (series.length === 1 ? iw / 2 : (i * iw) / (series.length - 1));
    const y = (v) => m.top + ih - (v / scale.max) * ih;

    const root = svg('svg', {
      viewBox: `0 0 ${W} ${H}`,
      class: 'chart-svg',
      role: 'img',
      'aria-labelledby': 'trend-svg-title',
    });
    root.append(svg('title', { id: 'trend-svg-title' }, `Weekly complaints: ${lines.map(([, l]) => l.toLowerCase()).join(', ')}, ${series.length} weeks`));

    const grid = svg('g', { class: 'grid' });
    for (let v = 0; v <= scale.max; v += scale.step) {
      grid.append(svg('line', { x1: m.left, x2: W - m.right, y1: y(v), y2: y(v) }));
      grid.append(svg('text', { x: m.left - 8, y: y(v) + 4, class: 'axis-label', 'text-anchor': 'end' }, fmtInt(v)));
    }
    root.append(grid);

    const every = Math.max(1, Math.ceil(series.length / 9));
    const xAxis = svg('g', { class: 'x-axis' });
    series.forEach((p, i) => {
      if (i % every !== 0) return;
      xAxis.append(svg('text', { x: x(i), y: H - m.bottom + 18, class: 'axis-label', 'text-anchor': 'middle' }, fmtShortDay(p.period_start)));
    });
    root.append(xAxis);

    for (const [key] of lines) {
      const pts = series.map((p, i) => `${x(i).toFixed(1)},${y(isNumber(p[key]) ? p[key] : 0).toFixed(1)}`).join(' ');
      root.append(svg('polyline', { points: pts, class: `series series-${key}` }));
    }

    const points = svg('g', { class: 'points' });
    series.forEach((p, i) => {
      const g = svg('g', {
        'data-testid': `trend-point-${i}`,
        'data-period-start': p.period_start,
        'data-received': p.received,
        'data-closed': p.closed,
        'data-breached': isNumber(p.breached) ? p.breached : undefined,
      });
      const parts = lines.map(([k, l]) => `${l} ${fmtInt(p[k])}`).join(', ');
      g.append(svg('title', {}, `Week of ${fmtDay(p.period_start)}: ${parts}`));
      for (const [key] of lines) {
        g.append(svg('circle', { cx: x(i), cy: y(isNumber(p[key]) ? p[key] : 0), r: 3, class: `dot dot-${key}` }));
      }
      points.append(g);
    });
    root.append(points);

    figure.replaceChildren(legend(lines.map(([k, l]) => [`swatch-${k}`, l])), root);
  }

  function renderTrendTable(series, hasBreached) {
    const headRow = document.createElement('tr');
    for (const label of ['Week starting', 'Received', 'Closed', ...(hasBreached ? ['Breached'] : [])]) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = label;
      headRow.append(th);
    }
    $('trend-table-head').replaceChildren(headRow);
    const rows = series.map((p, i) => {
      const tr = document.createElement('tr');
      tr.dataset.testid = `trend-row-${i}`;
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = fmtDay(p.period_start);
      th.dataset.value = p.period_start;
      tr.append(th);
      for (const key of ['received', 'closed', ...(hasBreached ? ['breached'] : [])]) {
        const td = document.createElement('td');
        td.className = 'num';
        td.dataset.testid = `trend-row-${i}-${key}`;
        td.dataset.value = isNumber(p[key]) ? String(p[key]) : '';
        td.textContent = fmtInt(p[key]);
        tr.append(td);
      }
      return tr;
    });
    $('trend-table-body').replaceChildren(...rows);
  }

  // --- Pareto -------------------------------------------------------------------------------

  function renderPareto(report) {
    const figure = $('pareto-chart');
    const items = report.items || [];
    figure.dataset.bars = String(items.length);
    $('pareto-note').textContent = `${fmtInt(report.classified)} of ${fmtInt(report.in_scope)} complaints in scope have a primary root cause; largest first, with the cumulative share.`;
    if (items.length === 0) {
      emptyChart(figure, 'No classified complaints in this period.');
      return;
    }

    const W = 640;
    const H = 340;
    const m = { top: 22, right: 44, bottom: 118, left: 44 };
    const iw = W - m.left - m.right;
    const ih = H - m.top - m.bottom;
    const scale = niceScale(Math.max(...items.map((b) => b.count)));
    const band = iw / items.length;
    const barW = Math.max(4, Math.min(48, band * 0.7));
    const cx = (i) => m.left + band * i + band / 2;
    const y = (v) => m.top + ih - (v / scale.max) * ih;
    const yPct = (v) => m.top + ih - (v / 100) * ih;

    const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart-svg', role: 'img', 'aria-labelledby': 'pareto-svg-title' });
    root.append(svg('title', { id: 'pareto-svg-title' }, `Root-cause Pareto: ${items.length} causes, counts and cumulative share`));

    const grid = svg('g', { class: 'grid' });
    for (let v = 0; v <= scale.max; v += scale.step) {
      grid.append(svg('line', { x1: m.left, x2: W - m.right, y1: y(v), y2: y(v) }));
      grid.append(svg('text', { x: m.left - 8, y: y(v) + 4, class: 'axis-label', 'text-anchor': 'end' }, fmtInt(v)));
    }
    for (const pct of [0, 20, 40, 60, 80, 100]) {
      grid.append(svg('text', { x: W - m.right + 6, y: yPct(pct) + 4, class: 'axis-label' }, `${pct}%`));
    }
    grid.append(svg('line', { x1: m.left, x2: W - m.right, y1: yPct(80), y2: yPct(80), class: 'reference' }));
    root.append(grid);

    const bars = svg('g', { class: 'bars' });
    items.forEach((b, i) => {
      const g = svg('g', { class: 'bar-group' });
      g.append(svg('title', {}, `${b.cause}: ${fmtInt(b.count)} complaints, ${fmtPercent(b.share_percent)} of the classified, ${fmtPercent(b.cumulative_percent)} cumulative`));
      g.append(svg('rect', {
        x: (cx(i) - barW / 2).toFixed(1),
        y: y(b.count).toFixed(1),
        width: barW.toFixed(1),
        height: Math.max(0, m.top + ih - y(b.count)).toFixed(1),
        class: 'bar',
        'data-testid': `pareto-bar-${b.cause}`,
        'data-cause': b.cause,
        'data-count': b.count,
        'data-share-percent': b.share_percent,
        'data-cumulative-percent': b.cumulative_percent,
      }));
      // The count sits inside the top of a tall bar, above a short one.
      const inside = m.top + ih - y(b.count) > 22 && barW >= 18;
      g.append(svg('text', {
        x: cx(i),
        y: inside ? y(b.count) + 14 : y(b.count) - 5,
        class: inside ? 'bar-label bar-label-inside' : 'bar-label',
        'text-anchor': 'middle',
        'data-testid': `pareto-count-${b.cause}`,
      }, fmtInt(b.count)));
      const lx = cx(i);
      const ly = m.top + ih + 12;
      g.append(svg('text', { x: lx, y: ly, class: 'axis-label cause-label', 'text-anchor': 'end', transform: `rotate(-40 ${lx} ${ly})` }, b.cause));
      bars.append(g);
    });
    root.append(bars);

    const pts = items.map((b, i) => `${cx(i).toFixed(1)},${yPct(b.cumulative_percent).toFixed(1)}`).join(' ');
    root.append(svg('polyline', { points: pts, class: 'series series-cumulative' }));
    const dots = svg('g', { class: 'points' });
    items.forEach((b, i) => dots.append(svg('circle', { cx: cx(i), cy: yPct(b.cumulative_percent), r: 3, class: 'dot dot-cumulative' })));
    root.append(dots);

    figure.replaceChildren(legend([['swatch-bar', 'Complaints'], ['swatch-cumulative', 'Cumulative share'], ['swatch-reference', '80%']]), root);
  }

  // --- people -------------------------------------------------------------------------------

  const KNOWN_PEOPLE = ['key', 'handled', 'on_time', 'median_business_days_to_response', 'reopened'];

  /** The columns for person rows: the known ones, then any other numeric or rate fields. */
  function peopleColumns(rows) {
    const columns = [
      { key: 'handled', label: 'Handled', kind: 'int' },
      { key: 'on_time', label: 'Responded on time', kind: 'rate' },
      { key: 'median_business_days_to_response', label: 'Median days to response', kind: 'decimal' },
      { key: 'reopened', label: 'Reopened', kind: 'rate' },
    ];
    const extra = new Map();
    for (const row of rows) {
      for (const [key, value] of Object.entries(row)) {
        if (KNOWN_PEOPLE.includes(key) || extra.has(key)) continue;
        if (isRate(value)) extra.set(key, 'rate');
        else if (isNumber(value)) extra.set(key, Number.isInteger(value) ? 'int' : 'decimal');
      }
    }
    for (const [key, kind] of extra) columns.push({ key, label: humanize(key), kind });
    // A column of integers that later shows a fraction is shown with decimals.
    for (const col of columns) {
      if (col.kind === 'int' && rows.some((r) => isNumber(r[col.key]) && !Number.isInteger(r[col.key]))) col.kind = 'decimal';
    }
    return columns;
  }

  function renderPeopleTable(kind, rows, columns, minCases) {
    const headRow = document.createElement('tr');
    const first = document.createElement('th');
    first.scope = 'col';
    first.textContent = kind === 'team' ? 'Team' : 'Handler';
    headRow.append(first);
    for (const col of columns) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.className = 'num';
      th.textContent = col.label;
      headRow.append(th);
    }
    $(`people-${kind}s-head`).replaceChildren(headRow);

    const body = $(`people-${kind}s-body`);
    if (rows.length === 0) {
      const tr = document.createElement('tr');
      const td = document.createElement('td');
      td.colSpan = columns.length + 1;
      td.className = 'empty';
      td.textContent = 'None in this period.';
      tr.append(td);
      body.replaceChildren(tr);
      return;
    }
    body.replaceChildren(...rows.map((row) => {
      const tr = document.createElement('tr');
      const prefix = `people-${kind}-${row.key}`;
      tr.dataset.testid = prefix;
      tr.dataset.key = row.key;
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = kind === 'team' && state.teamNames.has(row.key) ? state.teamNames.get(row.key) : row.key;
      if (kind === 'team' && state.teamNames.has(row.key) && state.teamNames.get(row.key) !== row.key) {
        const key = document.createElement('span');
        key.className = 'row-key';
        key.textContent = row.key;
        th.append(' ', key);
      }
      tr.append(th);
      for (const col of columns) tr.append(peopleCell(`${prefix}-${slug(col.key)}`, col, row[col.key], minCases));
      return tr;
    }));
  }

  function peopleCell(testid, col, value, minCases) {
    const td = document.createElement('td');
    td.className = 'num';
    td.dataset.testid = testid;
    if (col.kind === 'rate') {
      if (!isRate(value)) {
        td.textContent = '—';
        return td;
      }
      const pct = document.createElement('span');
      pct.className = 'rate';
      pct.dataset.testid = `${testid}-percent`;
      pct.textContent = fmtPercent(value.percent);
      const counts = document.createElement('span');
      counts.className = 'counts';
      counts.dataset.testid = `${testid}-counts`;
      counts.textContent = `${fmtInt(value.numerator)}/${fmtInt(value.denominator)}`;
      td.dataset.value = isNumber(value.percent) ? String(value.percent) : '';
      td.dataset.numerator = String(value.numerator);
      td.dataset.denominator = String(value.denominator);
      td.dataset.robust = String(value.robust);
      td.append(pct, ' ', counts);
      if (value.robust === false) {
        td.classList.add('not-robust');
        const flag = document.createElement('span');
        flag.className = 'flag';
        flag.textContent = '*';
        flag.title = minCases ? `Fewer than ${minCases} cases: not robust` : 'Few cases: not robust';
        const sr = document.createElement('span');
        sr.className = 'visually-hidden';
        sr.textContent = ' (not robust: few cases)';
        td.append(flag, sr);
      }
      return td;
    }
    td.dataset.value = isNumber(value) ? String(value) : '';
    td.textContent = col.kind === 'int' ? fmtInt(value) : fmtDecimal(value);
    return td;
  }

  function renderPeople(report) {
    const minCases = report.min_cases;
    const columns = peopleColumns([...report.teams, ...report.handlers]);
    renderPeopleTable('team', report.teams, columns, minCases);
    renderPeopleTable('handler', report.handlers, columns, minCases);
    $('people-note').textContent = `Rates show the cases behind them; * marks a rate on fewer than ${fmtInt(minCases)} cases, which is not robust.`;
  }

  // --- overdue and due soon ----------------------------------------------------------------

  const DUE_SOON_DAYS = 2;
  const QUEUE_SHOWN = 5;
  const QUEUE_COUNT_CAP = 2000;
  const QUEUES = {
    overdue: { overdue: 'true' },
    'due-soon': { overdue: 'false', due_within: String(DUE_SOON_DAYS) },
  };
  const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short',
  });
  const stateLabel = (s) => humanize(String(s || ''));

  /** The work-queue listing for a panel, as the API takes it (and as the panel links to it). */
  function queueParams(kind, team) {
    return { sort: 'next_due', ...QUEUES[kind], ...(team ? { team } : {}) };
  }

  function queueHref(kind, team) {
    const url = new URL('/v1/complaints', window.location.origin);
    for (const [key, value] of Object.entries(queueParams(kind, team))) url.searchParams.set(key, value);
    return `${url.pathname}${url.search}`;
  }

  /**
   * Counts a queue by paging through it (the list has no total) and keeps its first cases.
   * Stops at QUEUE_COUNT_CAP, shown as "at least".
   */
  async function loadQueue(kind, team) {
    const first = [];
    let count = 0;
    let cursor;
    let capped = false;
    do {
      const page = await api('/v1/complaints', { ...queueParams(kind, team), limit: 200, cursor });
      const items = page.items || [];
      for (const item of items) {
        if (first.length < QUEUE_SHOWN) first.push(item);
      }
      count += items.length;
      cursor = page.next_cursor;
      if (cursor && count >= QUEUE_COUNT_CAP) capped = true;
    } while (cursor && !capped);
    return { count, capped, first };
  }

  /** "3 days overdue", "due in 5 hours": how far an instant is from now, in whole units. */
  function relative(iso, past) {
    const ms = Math.abs(Date.now() - Date.parse(iso));
    const hours = Math.floor(ms / 3600000);
    const amount = hours >= 48 ? `${Math.floor(hours / 24)} days` : hours >= 1 ? `${hours} hour${hours === 1 ? '' : 's'}` : 'under an hour';
    return past ? `${amount} overdue` : `due in ${amount}`;
  }

  function renderQueue(kind, queue, team) {
    const count = document.querySelector(`[data-testid="queue-${kind}-count"]`);
    count.textContent = `${fmtInt(queue.count)}${queue.capped ? '+' : ''}`;
    count.dataset.value = String(queue.count);
    count.dataset.capped = String(queue.capped);
    const link = document.querySelector(`[data-testid="queue-${kind}-link"]`);
    link.href = queueHref(kind, team);
    link.hidden = false;
    const list = $(`queue-${kind}-list`);
    if (queue.first.length === 0) {
      const li = document.createElement('li');
      li.className = 'empty';
      li.textContent = kind === 'overdue' ? 'No overdue cases.' : 'Nothing due soon.';
      list.replaceChildren(li);
      return;
    }
    list.replaceChildren(...queue.first.map((item, i) => {
      const li = document.createElement('li');
      li.dataset.testid = `queue-${kind}-item-${i}`;
      li.dataset.reference = item.reference;
      const a = document.createElement('a');
      a.className = 'ref';
      a.href = queueHref(kind, team);
      a.title = 'The work queue in the API (send the same bearer token)';
      a.textContent = item.reference;
      const stateEl = document.createElement('span');
      stateEl.className = 'queue-state';
      stateEl.textContent = stateLabel(item.state);
      const when = document.createElement('span');
      when.className = 'queue-when';
      const iso = kind === 'overdue' ? item.overdue_since || item.next_due_at : item.next_due_at;
      if (iso) {
        const time = document.createElement('time');
        time.dateTime = iso;
        time.title = dateTimeFormat.format(new Date(iso));
        time.textContent = relative(iso, kind === 'overdue');
        when.append(time);
      }
      li.append(a, ' ', stateEl, ' ', when);
      return li;
    }));
  }

  function clearQueues() {
    for (const kind of Object.keys(QUEUES)) {
      const count = document.querySelector(`[data-testid="queue-${kind}-count"]`);
      count.textContent = '–';
      delete count.dataset.value;
      delete count.dataset.capped;
      const link = document.querySelector(`[data-testid="queue-${kind}-link"]`);
      link.removeAttribute('href');
      link.hidden = true;
      const li = document.createElement('li');
      li.className = 'empty';
      li.textContent = 'No data loaded.';
      $(`queue-${kind}-list`).replaceChildren(li);
    }
    $('queue-scope').textContent = '';
  }

  // --- clearing -----------------------------------------------------------------------------

  /** Takes every figure off the page, so that none outlives the answer it came from. */
  function clearFigures() {
    for (const el of document.querySelectorAll('.kpi-value')) {
      el.textContent = '–';
      el.classList.remove('not-robust');
      for (const key of ['value', 'numerator', 'denominator', 'robust']) delete el.dataset[key];
    }
    for (const el of document.querySelectorAll('.kpi-note[data-testid]')) el.textContent = el.dataset.default || '';
    for (const id of ['trend-chart', 'pareto-chart']) emptyChart($(id), 'No data loaded.');
    $('trend-chart').dataset.points = '0';
    $('pareto-chart').dataset.bars = '0';
    for (const id of ['trend-table-head', 'trend-table-body', 'people-teams-head', 'people-teams-body', 'people-handlers-head', 'people-handlers-body']) {
      $(id).replaceChildren();
    }
    $('scope-line').textContent = '';
    clearQueues();
  }

  // --- loading ------------------------------------------------------------------------------

  async function load() {
    const token = $('token').value.trim();
    const from = $('from').value;
    const to = $('to').value;
    if (!token) {
      showMessage('info', 'Paste a bearer token to see the figures', ['Reports need the analyst, auditor, admin or team leader role.']);
      $('token').focus();
      return;
    }
    if (!from || !to || from > to) {
      showMessage('error', 'Choose a valid period', ['The start date must be on or before the end date.']);
      return;
    }
    if (token !== state.token) {
      state.token = token;
      state.teamsLoadedFor = null;
    }
    try {
      window.sessionStorage.setItem(TOKEN_KEY, token);
    } catch (err) {
      // Storage may be disabled; the token then lives in memory only.
    }

    const seq = ++state.seq;
    setState('loading');
    clearMessage();
    try {
      if (state.teamsLoadedFor !== state.token) await loadTeams();
      const team = $('team').value;
      const range = instants(from, to);
      const params = { from: range.from, to: range.to, team };
      const [volumes, timeliness, outcomes, pareto, people, overdue, dueSoon] = await Promise.all([
        api('/v1/reports/volumes', { ...params, group_by: 'week' }),
        api('/v1/reports/timeliness', params),
        api('/v1/reports/outcomes', params),
        api('/v1/reports/root-causes', params),
        api('/v1/reports/people', params),
        loadQueue('overdue', team),
        loadQueue('due-soon', team),
      ]);
      if (seq !== state.seq) return;
      renderKpis(volumes, timeliness, outcomes, people.min_cases);
      renderTrend(volumes.series || []);
      renderPareto(pareto);
      renderPeople(people);
      renderQueue('overdue', overdue, team);
      renderQueue('due-soon', dueSoon, team);
      const who = scopeTeams(team);
      const line = $('scope-line');
      line.textContent = `${who} · complaints received ${fmtDay(from)} – ${fmtDay(to)} (UTC days)`;
      line.dataset.team = team;
      line.dataset.from = from;
      line.dataset.to = to;
      $('queue-scope').textContent = `${who} · open cases now, whenever received (not limited to the period).`;
      state.loads += 1;
      $('dashboard').dataset.loads = String(state.loads);
      setState('ready');
    } catch (err) {
      if (seq !== state.seq) return;
      clearFigures();
      showProblem(err);
      setState('error');
    }
  }

  /** Which teams the figures cover, as the reports filter them. */
  function scopeTeams(team) {
    if (team) return `Team ${state.teamNames.get(team) || team}`;
    return state.allTeams ? 'All teams' : 'All teams in your scope';
  }

  function forget() {
    try {
      window.sessionStorage.removeItem(TOKEN_KEY);
    } catch (err) {
      // Nothing stored.
    }
    state.seq += 1; // drop any answer still on its way
    state.token = '';
    state.teamsLoadedFor = null;
    state.teamNames = new Map();
    state.allTeams = true;
    state.ownTeam = null;
    $('token').value = '';
    $('team').replaceChildren(option('', 'All teams'));
    clearFigures();
    setState('idle');
    showMessage('info', 'Token forgotten', ['Paste a token to load the figures again.']);
    $('token').focus();
  }

  function init() {
    for (const el of document.querySelectorAll('.kpi-note[data-testid]')) el.dataset.default = el.textContent;
    const period = defaultPeriod();
    $('from').value = period.from;
    $('to').value = period.to;
    $('filters').addEventListener('submit', (event) => {
      event.preventDefault();
      load();
    });
    $('forget').addEventListener('click', forget);
    let stored = '';
    try {
      stored = window.sessionStorage.getItem(TOKEN_KEY) || '';
    } catch (err) {
      stored = '';
    }
    if (stored) {
      $('token').value = stored;
      load();
    } else {
      showMessage('info', 'Paste a bearer token to see the figures', ['Then choose a period and a team, and press “Show figures”.']);
    }
  }

  init();
})();
