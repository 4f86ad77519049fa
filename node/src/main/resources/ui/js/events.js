import { stream } from './api.js';
import { h, errorBox, streamBanner } from './dom.js';

const MAX_EVENTS = 500;

/** The node's events as they happen (/ws/events), newest first, the last 500 kept. */
export function events(main) {
  const body = h('tbody', { id: 'events-body' });
  const status = h('p', { id: 'events-state', class: 'muted' }, 'Connecting…');
  main.append(h('h1', {}, 'Events'), status,
    h('table', { class: 'table', id: 'events' }, h('thead', {}, h('tr', {}, ...['Time', 'Event', 'Resource', 'Message']
      .map((c) => h('th', { scope: 'col' }, c)))), body));
  const socket = stream('/ws/events', (e) => {
    const when = new Date(Number(e.timestamp) * 1000); // Unix seconds
    body.prepend(h('tr', {}, h('td', {}, when.toLocaleTimeString()), h('td', {}, h('code', {}, e.eventType)),
      h('td', {}, (e.resourceType ? e.resourceType + ' ' : '') + (e.resourceId || '')), h('td', {}, e.message)));
    while (body.children.length > MAX_EVENTS) body.lastChild.remove();
  }, (state, detail) => {
    streamBanner(state, detail);
    if (state === 'open') status.textContent = 'Live: new events appear at the top.';
    if (state === 'refused') status.replaceChildren(errorBox({ code: 'REFUSED', message: detail }));
  });
  return () => socket.close();
}
