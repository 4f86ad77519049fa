import { call, stream } from './api.js';
import { deployRequest } from './compose.js';
import { h, errorBox } from './dom.js';
import { RolloutProgress } from './rollout.js';

const REFRESH_MS = 2000;
/** The largest Compose file the page reads from disk: the node takes request bodies of at most 4 MiB. */
export const MAX_COMPOSE_BYTES = 1024 * 1024;
const EXAMPLE = 'services:\n  web:\n    image: process\n    command: ["sh", "-c", "while true; do echo hello; sleep 1; done"]\n';

function ready(d) {
  return (d.readyReplicas || 0) + ' / ' + (d.replicas || 0);
}

/** The list of deployments (refreshed every 2 s) and, for callers who may, a Compose editor to deploy. */
export function deploymentList(main, session) {
  const body = h('tbody', { id: 'deployments-body' });
  const listError = h('div', {});
  main.append(h('h1', {}, 'Deployments'),
    h('table', { class: 'table', id: 'deployments' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Deployment'), h('th', { scope: 'col' }, 'Name'),
        h('th', { scope: 'col' }, 'Status'), h('th', { scope: 'col' }, 'Ready'))), body), listError);

  async function refresh() {
    try {
      const answer = await call('GET', '/v1/deployments');
      listError.replaceChildren();
      body.replaceChildren(...(answer.deployments || []).map((d) => h('tr', { 'data-id': d.deploymentId },
        h('td', {}, h('a', { href: '#/deployments/' + encodeURIComponent(d.deploymentId) }, d.deploymentId)),
        h('td', {}, d.name), h('td', { class: 'status ' + d.status }, d.status), h('td', { class: 'ready' }, ready(d)))));
      if (body.children.length === 0) body.append(h('tr', {}, h('td', { colspan: '4', class: 'muted' }, 'No deployments yet.')));
    } catch (e) {
      listError.replaceChildren(errorBox(e));
    }
  }
  refresh();
  const timer = setInterval(refresh, REFRESH_MS);
  if (session.may('deployment:create')) main.append(deployForm(refresh));
  return () => clearInterval(timer);
}

function deployForm(refresh) {
  const name = h('input', { id: 'deploy-name', name: 'name', autocomplete: 'off', placeholder: 'from the file' });
  const editor = h('textarea', { id: 'compose', name: 'compose', rows: '12', spellcheck: 'false',
    'aria-describedby': 'deploy-result' }, EXAMPLE);
  const result = h('div', { id: 'deploy-result', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', id: 'deploy' }, 'Deploy');
  /** The request the editor's text makes, or null after showing why it makes none (the line, as the API would). */
  function readEditor() {
    try {
      return deployRequest(editor.value, name.value.trim());
    } catch (e) {
      result.replaceChildren(errorBox({ code: 'COMPOSE_FILE', message: e.message, details: e.path ? { field: e.path } : {} }));
      return null;
    }
  }
  // An uploaded file goes into the editor (to be read and changed there), checked at once the way a paste is on Deploy.
  const upload = h('input', { type: 'file', id: 'compose-file', accept: '.yml,.yaml,.json,application/json,application/yaml,text/yaml',
    onchange: async () => {
      const file = upload.files[0];
      result.replaceChildren();
      if (!file) return;
      if (file.size > MAX_COMPOSE_BYTES) {
        result.replaceChildren(errorBox({ code: 'COMPOSE_FILE', message: file.name + ' is ' + file.size
          + ' bytes; a Compose file may have at most ' + MAX_COMPOSE_BYTES }));
        return;
      }
      editor.value = await file.text();
      if (readEditor()) result.replaceChildren(h('p', { class: 'muted', id: 'compose-loaded' }, 'Read ' + file.name + '.'));
    } });
  const form = h('form', { class: 'deploy', onsubmit: async (event) => {
    event.preventDefault();
    result.replaceChildren();
    const request = readEditor();
    if (!request) return;
    button.disabled = true;
    try {
      const answer = await call('POST', '/v1/deployments', request);
      result.replaceChildren(h('p', { class: 'ok' }, 'Deployed ',
        h('a', { href: '#/deployments/' + encodeURIComponent(answer.deploymentId) }, answer.deploymentId), '.'));
      refresh();
    } catch (e) {
      result.replaceChildren(errorBox(e, 'deploy-error'));
    } finally {
      button.disabled = false;
    }
  } },
  h('h2', {}, 'Deploy a Compose file'),
  h('label', { for: 'deploy-name' }, 'Deployment name'), name,
  h('label', { for: 'compose' }, 'Compose file (YAML or JSON)'),
  h('p', { class: 'upload' }, h('label', { for: 'compose-file', class: 'inline' }, 'or upload one: '), upload),
  h('div', { class: 'editor' }, editor, result), h('div', {}, button));
  return form;
}

/** One deployment: its replicas and containers, and scale, stop and remove for callers who may. */
export function deploymentDetail(main, session, id, navigate) {
  const heading = h('h1', {}, 'Deployment ', h('code', {}, id));
  const summary = h('p', { id: 'deployment-summary' });
  const replicas = h('tbody', { id: 'replicas-body' });
  const containers = h('tbody', { id: 'containers-body' });
  const errors = h('div', { id: 'action-result', 'aria-live': 'polite' });
  const actions = h('div', { class: 'toolbar' });
  const rollout = new RolloutProgress();
  main.append(heading, summary, rollout.element, actions, errors,
    h('h2', {}, 'Replicas'),
    h('table', { class: 'table', id: 'replicas' }, h('thead', {}, h('tr', {}, ...['Service', 'Replica', 'State', 'Reason', 'Ready', 'Restarts', 'Container']
      .map((c) => h('th', { scope: 'col' }, c)))), replicas),
    h('h2', {}, 'Containers'),
    h('table', { class: 'table', id: 'containers' }, h('thead', {}, h('tr', {}, ...['Container', 'Name', 'Image', 'State', 'Status', '']
      .map((c) => h('th', { scope: 'col' }, c)))), containers));
  actions.append(h('a', { href: '#/logs/' + encodeURIComponent(id), class: 'button', id: 'follow-logs' }, 'Follow logs'));

  let services = [];
  async function act(what, method, path, body, after) {
    errors.replaceChildren();
    try {
      await call(method, path, body);
      errors.replaceChildren(h('p', { class: 'ok' }, what + ' accepted.'));
      if (after) after(); else refresh();
    } catch (e) {
      errors.replaceChildren(errorBox(e, 'action-error'));
    }
  }
  const path = '/v1/deployments/' + encodeURIComponent(id);
  if (session.may('deployment:update')) {
    const service = h('select', { id: 'scale-service', 'aria-label': 'service to scale' });
    const count = h('input', { id: 'scale-replicas', type: 'number', min: '0', max: '1000', value: '1', 'aria-label': 'replicas' });
    actions.append(h('form', { class: 'inline', onsubmit: (event) => {
      event.preventDefault();
      act('Scale', 'POST', path + '/scale', { serviceName: service.value, replicas: Number(count.value) });
    } }, h('label', { for: 'scale-service' }, 'Scale'), service, count, h('button', { type: 'submit', id: 'scale' }, 'Scale')),
    h('button', { type: 'button', id: 'stop', onclick: () => act('Stop', 'POST', path + '/stop', {}) }, 'Stop'));
    actions.service = service;
  }
  if (session.may('deployment:delete')) {
    actions.append(h('button', { type: 'button', id: 'remove', class: 'danger', onclick: () => {
      if (confirm('Remove deployment ' + id + ' and its containers?')) {
        act('Remove', 'DELETE', path, undefined, () => navigate('#/deployments'));
      }
    } }, 'Remove'));
  }

  async function refresh() {
    try {
      const [d, c] = await Promise.all([call('GET', path),
        call('GET', '/v1/containers?all=true&deployment=' + encodeURIComponent(id))]);
      const status = d;
      rollout.update(status, c.containers || []);
      summary.replaceChildren('Status ', h('strong', { id: 'deployment-status' }, status.status), ' · ready ',
        h('strong', { id: 'deployment-ready' }, ready(status)));
      const rs = status.replicaStatuses || [];
      replicas.replaceChildren(...rs.map((r) => h('tr', {}, h('td', {}, r.service), h('td', {}, String(r.replica)),
        h('td', {}, r.state), h('td', { title: r.message || '' }, r.reason), h('td', {}, r.ready ? 'yes' : 'no'),
        h('td', {}, String(r.restartCount || 0)), h('td', {}, h('code', {}, (r.containerId || '').slice(0, 12))))));
      containers.replaceChildren(...(c.containers || []).map((x) => h('tr', { 'data-container': x.name },
        h('td', {}, h('code', {}, x.id.slice(0, 12))),
        h('td', {}, x.name), h('td', {}, x.image), h('td', {}, x.state), h('td', {}, x.status),
        h('td', {}, session.may('container:execute')
          ? h('a', { href: '#/exec/' + encodeURIComponent(x.id), class: 'exec-link' }, 'Exec') : ''))));
      const names = [...new Set(rs.map((r) => r.service))];
      if (actions.service && names.join() !== services.join()) {
        services = names;
        actions.service.replaceChildren(...names.map((n) => h('option', { value: n }, n)));
      }
    } catch (e) {
      summary.replaceChildren(errorBox(e));
    }
  }
  refresh();
  const timer = setInterval(refresh, REFRESH_MS);
  // The deployment's own events: an update beginning, and its containers changing (looked at again at once).
  const followed = session.may('events:read') ? stream('/ws/events?event_types=deployment.updating,container.created,'
    + 'container.started,container.removed,container.healthy', (e) => {
    if ((e.attributes || {}).deployment !== id) return;
    if (e.eventType === 'deployment.updating') rollout.started();
    refresh();
  }, (state) => { rollout.element.dataset.live = String(state === 'open'); }) : null;
  return () => {
    clearInterval(timer);
    if (followed) followed.close();
  };
}
