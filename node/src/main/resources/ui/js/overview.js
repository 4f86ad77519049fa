import { call, poll, probe, stream } from './api.js';
import { LiveChart } from './chart.js';
import { h, errorBox, percent, duration, streamBanner } from './dom.js';

const REFRESH_MS = 5000;

/**
 * The node at a glance: state, uptime, health with each check's reason, chain, version, live host metrics. The facts
 * are read again every 5 s while the page is visible (a new block, a failing check or a drain shows without a
 * reload) and written into the same elements, so the chart, focus and scroll stay as they are.
 */
export function overview(main) {
  const facts = new Facts(h('dl', { class: 'facts', id: 'facts' }));
  const problem = h('div', { id: 'overview-problem' });
  const updated = h('p', { class: 'legend', id: 'overview-updated' });
  const checks = new HealthChecks(h('section', { 'aria-labelledby': 'checks-title', id: 'health-checks' }));
  const chart = new LiveChart('CPU and memory use, last two minutes',
    [{ name: 'cpu', cssClass: 'cpu' }, { name: 'memory', cssClass: 'memory' }]);
  const live = h('p', { class: 'legend', id: 'metrics-now' }, 'waiting for the first sample…');
  main.append(h('h1', {}, 'Overview'), problem, facts.dl, updated, checks.section,
    h('section', { 'aria-labelledby': 'metrics-title' },
      h('h2', { id: 'metrics-title' }, 'Host metrics'),
      h('p', { class: 'legend' }, h('span', { class: 'key cpu' }, 'CPU'), ' ', h('span', { class: 'key memory' }, 'memory')),
      chart.svg, live));

  let drawn = false;
  async function refresh() {
    const [status, health, ready] = await Promise.allSettled([call('GET', '/v1/status'), call('GET', '/health'),
      probe('/readiness')]);
    const s = status.status === 'fulfilled' ? status.value : null;
    const v = health.status === 'fulfilled' ? health.value : null;
    facts.show([
      ['State', 'node-state', s && String(s.state).replace('NODE_STATE_', '')],
      ['Uptime', 'node-uptime', s && duration(s.uptimeSeconds)],
      ['Deployments', 'node-deployments', s && String((s.deployments || []).length)],
      ['Health', 'node-health', v && word(v.status)],
      ['Version', 'node-version', v && v.version],
      ['Chain', 'node-chain', v && chain(v.consensus)],
      ['Readiness', 'node-readiness', ready.value.text],
    ]);
    if (v) checks.show(v.checks || []);
    if (!drawn) {
      drawn = true;
      performance.mark('overview-ready'); // the first data on screen: bench/UiLoadBench's time to interactive
    }
    const failed = [status, health].find((r) => r.status === 'rejected');
    const at = new Date().toLocaleTimeString();
    if (failed) {
      showProblem(problem, failed.reason);
      updated.textContent = 'Not refreshed at ' + at + ': the facts above may be old; trying again with backoff.';
      throw failed.reason; // the poll backs off
    }
    showProblem(problem, null);
    updated.textContent = 'Refreshed at ' + at + ', every ' + REFRESH_MS / 1000 + ' s while this page is open.';
  }
  const refresher = poll(refresh, REFRESH_MS);

  const metrics = stream('/ws/metrics?interval_seconds=1', (m) => {
    const n = m.metrics || {};
    chart.push([n.cpuUsage || 0, n.memoryUsage || 0]);
    live.textContent = 'CPU ' + percent(n.cpuUsage) + ' · memory ' + percent(n.memoryUsage) + ' · disk '
      + percent(n.diskUsage) + ' · containers ' + (n.activeContainers || 0);
    main.dataset.samples = String(chart.samples());
  }, (state, detail) => {
    streamBanner(state, detail);
    if (state === 'refused') live.replaceChildren(errorBox({ code: 'REFUSED', message: detail }));
  });
  return () => {
    refresher.close();
    metrics.close();
  };
}

/** The API's error above the facts; replaced only when it changes, so a screen reader hears each error once. */
function showProblem(problem, error) {
  const text = error ? (error.code || '') + ' ' + error.message : '';
  if (problem.dataset.text === text) return;
  problem.dataset.text = text;
  problem.replaceChildren(...(error ? [errorBox(error)] : []));
}

/**
 * The term/value list, built on the first read and then updated in place: a value is written only when it changed,
 * and one the node did not give this time (its call failed) keeps what was shown, or a dash before any answer.
 */
class Facts {
  constructor(dl) {
    this.dl = dl;
    this.values = new Map(); // element id -> <dd>
  }

  show(rows) {
    for (const [term, id, value] of rows) {
      let dd = this.values.get(id);
      if (!dd) {
        dd = h('dd', { id }, '—');
        this.values.set(id, dd);
        this.dl.append(h('dt', {}, term), dd);
      }
      if (value !== null && value !== undefined && value !== false && dd.textContent !== String(value)) {
        dd.textContent = String(value);
      }
    }
  }
}

/** One row per check: which part of the node is not well, and the node's own words for why; redrawn on change only. */
class HealthChecks {
  constructor(section) {
    this.section = section;
    this.drawn = '';
  }

  show(list) {
    const key = JSON.stringify(list.map((c) => [c.name, c.status, c.reason]));
    if (key === this.drawn) return;
    this.drawn = key;
    this.section.replaceChildren(...healthChecks(list));
  }
}

function word(status) {
  return String(status || 'HEALTH_STATUS_UNSPECIFIED').replace('HEALTH_STATUS_', '');
}

/** Network id, head and whether the node keeps up; a node without --chain-rpc follows no chain (height 0). */
function chain(c) {
  if (!c) return 'not reported';
  const height = Number(c.blockHeight || 0);
  if (!height && !c.synced) return 'network ' + (c.networkId || '?') + ' · no chain followed';
  return 'network ' + c.networkId + ' · block ' + height + ' · ' + (c.synced ? 'synced' : 'NOT synced');
}

/** The checks' heading and table (nothing when the node reports no checks). */
function healthChecks(list) {
  if (!list.length) return [];
  return [h('h2', { id: 'checks-title' }, 'Health checks'),
    h('table', { class: 'table' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Check'), h('th', { scope: 'col' }, 'Status'),
        h('th', { scope: 'col' }, 'Reason'))),
      h('tbody', {}, list.map((c) => h('tr', { 'data-check': c.name },
        h('td', {}, c.name),
        h('td', { class: 'health ' + word(c.status).toLowerCase() }, word(c.status)),
        h('td', {}, c.reason)))))];
}
