import { call } from './api.js';
import { h, errorBox } from './dom.js';

const PAGE = 50;

/** The audit trail (admins), filtered by principal, permission and outcome, a page of 50 at a time. */
export function audit(main) {
  const principal = h('input', { id: 'audit-principal', name: 'principal', autocomplete: 'off' });
  const permission = h('input', { id: 'audit-permission', name: 'permission', autocomplete: 'off', placeholder: 'deployment:create' });
  const outcome = h('input', { id: 'audit-outcome', name: 'outcome', autocomplete: 'off', placeholder: 'OK, DENIED, …' });
  const body = h('tbody', { id: 'audit-body' });
  const result = h('div', { 'aria-live': 'polite' });
  const more = h('button', { type: 'button', id: 'audit-more', hidden: true, onclick: () => load(false) }, 'Next page');
  let token = '';
  main.append(h('h1', {}, 'Audit'),
    h('form', { class: 'inline', onsubmit: (event) => { event.preventDefault(); load(true); } },
      h('label', { for: 'audit-principal' }, 'Principal'), principal,
      h('label', { for: 'audit-permission' }, 'Permission'), permission,
      h('label', { for: 'audit-outcome' }, 'Outcome'), outcome,
      h('button', { type: 'submit', id: 'audit-search' }, 'Search')),
    result,
    h('table', { class: 'table', id: 'audit' }, h('thead', {}, h('tr', {}, ...['Time', 'Principal', 'Action', 'Resource',
      'Outcome', 'From'].map((c) => h('th', { scope: 'col' }, c)))), body), more);

  async function load(fresh) {
    if (fresh) { token = ''; body.replaceChildren(); }
    const query = new URLSearchParams({ limit: String(PAGE) });
    if (principal.value.trim()) query.set('principal', principal.value.trim());
    if (permission.value.trim()) query.set('permission', permission.value.trim());
    if (outcome.value.trim()) query.set('outcome', outcome.value.trim());
    if (token) query.set('page_token', token);
    try {
      const answer = await call('GET', '/v1/audit?' + query);
      result.replaceChildren();
      body.append(...(answer.records || []).map((r) => h('tr', {},
        h('td', {}, new Date(Number(r.timestampMillis)).toLocaleString()), h('td', {}, r.principal),
        h('td', {}, h('code', {}, r.action)), h('td', {}, r.resource), h('td', {}, r.outcome), h('td', {}, r.remote))));
      token = answer.nextPageToken || '';
      more.hidden = !token;
    } catch (e) {
      result.replaceChildren(errorBox(e));
    }
  }
  load(true);
  return () => {};
}
