import { call, probe, stream } from './api.js';
import { LiveChart } from './chart.js';
import { h, errorBox, percent, duration, streamBanner } from './dom.js';

/** The node at a glance: state, uptime, health with each check's reason, chain, version, live host metrics. */
export function overview(main) {
  const facts = h('dl', { class: 'facts', id: 'facts' });
  const checks = h('section', { 'aria-labelledby': 'checks-title', id: 'health-checks' });
  const chart = new LiveChart('CPU and memory use, last two minutes',
    [{ name: 'cpu', cssClass: 'cpu' }, { name: 'memory', cssClass: 'memory' }]);
  const live = h('p', { class: 'legend', id: 'metrics-now' }, 'waiting for the first sample…');
  main.append(h('h1', {}, 'Overview'), facts, checks,
    h('section', { 'aria-labelledby': 'metrics-title' },
      h('h2', { id: 'metrics-title' }, 'Host metrics'),
      h('p', { class: 'legend' }, h('span', { class: 'key cpu' }, 'CPU'), ' ', h('span', { class: 'key memory' }, 'memory')),
      chart.svg, live));

  const fact = (term, value, id) => [h('dt', {}, term), h('dd', { id }, value)];
  Promise.allSettled([call('GET', '/v1/status'), call('GET', '/health'), probe('/readiness')]).then(([status, health, ready]) => {
    facts.replaceChildren();
    if (status.status === 'fulfilled') {
      const s = status.value;
      facts.append(...fact('State', String(s.state).replace('NODE_STATE_', ''), 'node-state'),
        ...fact('Uptime', duration(s.uptimeSeconds), 'node-uptime'),
        ...fact('Deployments', String((s.deployments || []).length), 'node-deployments'));
    } else {
      facts.append(errorBox(status.reason));
    }
    if (health.status === 'fulfilled') {
      const v = health.value;
      facts.append(...fact('Health', word(v.status), 'node-health'),
        ...fact('Version', v.version, 'node-version'),
        ...fact('Chain', chain(v.consensus), 'node-chain'));
      checks.replaceChildren(...healthChecks(v.checks || []));
    } else {
      facts.append(errorBox(health.reason));
    }
    facts.append(...fact('Readiness', ready.value.text, 'node-readiness'));
    performance.mark('overview-ready'); // the first data on screen: bench/UiLoadBench's time to interactive
  });

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
  return () => metrics.close();
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

/** One row per check: which part of the node is not well, and the node's own words for why. */
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
