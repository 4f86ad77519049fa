import { call, probe, stream } from './api.js';
import { LiveChart } from './chart.js';
import { h, errorBox, percent, duration, streamBanner } from './dom.js';

/** The node at a glance: state, uptime, health, version, and host metrics live from /ws/metrics. */
export function overview(main) {
  const facts = h('dl', { class: 'facts', id: 'facts' });
  const chart = new LiveChart('CPU and memory use, last two minutes',
    [{ name: 'cpu', cssClass: 'cpu' }, { name: 'memory', cssClass: 'memory' }]);
  const live = h('p', { class: 'legend', id: 'metrics-now' }, 'waiting for the first sample…');
  main.append(h('h1', {}, 'Overview'), facts,
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
      facts.append(...fact('Health', String(v.status).replace('HEALTH_STATUS_', ''), 'node-health'),
        ...fact('Version', v.version, 'node-version'));
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
