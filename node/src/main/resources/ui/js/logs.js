import { call, stream } from './api.js';
import { h, errorBox, streamBanner } from './dom.js';

/** How many lines the page keeps: a chatty container must not grow the page without bound. */
export const MAX_LINES = 2000;

/**
 * A deployment's log (or one service's), followed over /ws/logs/{id}: a bounded buffer, rendered at most once a
 * frame; paused, the buffer keeps filling (oldest lines dropped) and the view stays where it is; Download saves
 * the buffer.
 */
export function logs(main, deploymentId, service) {
  if (!deploymentId) {
    main.append(h('h1', {}, 'Logs'), h('p', {}, 'Pick a deployment on the ', h('a', { href: '#/deployments' }, 'deployments'), ' page.'));
    return () => {};
  }
  const lines = [];
  let dropped = 0;
  let paused = false;
  let scheduled = false;
  const view = h('pre', { class: 'log', id: 'log-lines', tabindex: '0', 'aria-label': 'log lines', 'aria-live': 'off' });
  const count = h('span', { id: 'log-count', class: 'muted' }, '0 lines');
  const pause = h('button', { type: 'button', id: 'log-pause', 'aria-pressed': 'false', onclick: () => {
    paused = !paused;
    pause.textContent = paused ? 'Resume' : 'Pause';
    pause.setAttribute('aria-pressed', String(paused));
    if (!paused) render();
  } }, 'Pause');
  const status = h('div', { id: 'log-status' });
  const filter = h('select', { id: 'log-service', onchange: () => {
    location.hash = '#/logs/' + encodeURIComponent(deploymentId) + (filter.value ? '/' + encodeURIComponent(filter.value) : '');
  } }, h('option', { value: '' }, 'all services'));
  const download = h('button', { type: 'button', id: 'log-download', onclick: () => {
    // A file of what the page holds (the last MAX_LINES lines), made in the browser: nothing is fetched again.
    const link = h('a', { href: URL.createObjectURL(new Blob([lines.join('\n') + '\n'], { type: 'text/plain' })),
      download: deploymentId + (service ? '-' + service : '') + '.log' });
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 0);
  } }, 'Download');
  main.append(h('h1', {}, 'Logs of ', h('a', { href: '#/deployments/' + encodeURIComponent(deploymentId) }, deploymentId),
    service ? ' · ' + service : ''),
  h('div', { class: 'toolbar' }, pause, download, h('label', { for: 'log-service', class: 'inline' }, 'Service'), filter, count),
  status, view);
  call('GET', '/v1/deployments/' + encodeURIComponent(deploymentId)).then((d) => {
    const names = [...new Set((d.replicaStatuses || []).map((r) => r.service))];
    filter.append(...names.map((n) => h('option', { value: n, selected: n === service }, n)));
  }, (e) => status.replaceChildren(errorBox(e)));

  function render() {
    scheduled = false;
    if (paused) return;
    view.textContent = lines.join('\n');
    count.textContent = lines.length + ' lines' + (dropped ? ' (' + dropped + ' older dropped)' : '');
    view.scrollTop = view.scrollHeight;
  }

  const query = '?follow=true&tail=200' + (service ? '&service_name=' + encodeURIComponent(service) : '');
  const socket = stream('/ws/logs/' + encodeURIComponent(deploymentId) + query, (entry) => {
    lines.push((entry.service ? entry.service + ' | ' : '') + entry.message);
    if (lines.length > MAX_LINES) { dropped += lines.length - MAX_LINES; lines.splice(0, lines.length - MAX_LINES); }
    if (!scheduled) { scheduled = true; requestAnimationFrame(render); }
  }, (state, detail) => {
    streamBanner(state, detail);
    if (state === 'open' && detail) { lines.length = 0; dropped = 0; } // reconnected: the tail comes again
    if (state === 'refused') status.replaceChildren(errorBox({ code: 'REFUSED', message: detail }));
  });
  return () => socket.close();
}
