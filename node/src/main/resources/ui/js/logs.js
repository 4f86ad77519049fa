import { call, stream } from './api.js';
import { h, errorBox, streamBanner } from './dom.js';
import { LineRing, VirtualLog } from './virtual-log.js';

/** How many lines the page keeps: a chatty container must not grow the page without bound. */
export const MAX_LINES = 10000;
/** The CSS line-height of .log-window, in pixels: the virtual list places rows by it. */
const ROW_HEIGHT = 18;

/**
 * A deployment's log (or one service's), followed over /ws/logs/{id}: a ring of the last MAX_LINES lines shown
 * as a virtual list (only the rows in sight are in the page), drawn at most once a frame; paused, the ring keeps
 * filling (oldest lines dropped) and the view shows a frozen copy; Download saves the ring.
 */
export function logs(main, deploymentId, service) {
  if (!deploymentId) {
    main.append(h('h1', {}, 'Logs'), h('p', {}, 'Pick a deployment on the ', h('a', { href: '#/deployments' }, 'deployments'), ' page.'));
    return () => {};
  }
  const lines = new LineRing(MAX_LINES);
  let received = 0;
  let paused = false;
  const view = h('div', { class: 'log', id: 'log-lines', tabindex: '0', role: 'log', 'aria-label': 'log lines',
    'aria-live': 'off' });
  const list = new VirtualLog(view, ROW_HEIGHT);
  const count = h('span', { id: 'log-count', class: 'muted' }, '0 lines');
  const pause = h('button', { type: 'button', id: 'log-pause', 'aria-pressed': 'false', onclick: () => {
    paused = !paused;
    pause.textContent = paused ? 'Resume' : 'Pause';
    pause.setAttribute('aria-pressed', String(paused));
    list.show(paused ? frozen(lines.toArray()) : lines); // paused: scroll a copy, the ring moves on underneath
    counted();
  } }, 'Pause');
  const status = h('div', { id: 'log-status' });
  const filter = h('select', { id: 'log-service', onchange: () => {
    location.hash = '#/logs/' + encodeURIComponent(deploymentId) + (filter.value ? '/' + encodeURIComponent(filter.value) : '');
  } }, h('option', { value: '' }, 'all services'));
  const download = h('button', { type: 'button', id: 'log-download', onclick: () => {
    // A file of what the page holds (the last MAX_LINES lines), made in the browser: nothing is fetched again.
    const link = h('a', { href: URL.createObjectURL(new Blob([lines.toArray().join('\n') + '\n'], { type: 'text/plain' })),
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

  let countScheduled = false;
  function counted() {
    countScheduled = false;
    count.textContent = lines.length + ' lines' + (lines.dropped ? ' (' + lines.dropped + ' older dropped)' : '');
    view.dataset.received = String(received);
  }

  const query = '?follow=true&tail=200' + (service ? '&service_name=' + encodeURIComponent(service) : '');
  list.show(lines);
  const socket = stream('/ws/logs/' + encodeURIComponent(deploymentId) + query, (entry) => {
    lines.push((entry.service ? entry.service + ' | ' : '') + entry.message);
    received++;
    if (!paused) list.schedule();
    if (!countScheduled) { countScheduled = true; requestAnimationFrame(counted); }
  }, (state, detail) => {
    streamBanner(state, detail);
    if (state === 'open' && detail) lines.clear(); // reconnected: the tail comes again
    if (state === 'refused') status.replaceChildren(errorBox({ code: 'REFUSED', message: detail }));
  });
  return () => socket.close();
}

/** An array as the virtual list reads a source. */
function frozen(array) {
  return { length: array.length, slice: (from, to) => array.slice(from, to) };
}
