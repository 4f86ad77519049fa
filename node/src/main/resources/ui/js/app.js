// The dashboard: sign-in, then one page at a time by the URL's fragment (#/overview, #/deployments,
// #/deployments/<id>, #/logs/<id>[/<service>], #/network, #/models, #/exec/<container>, #/events, #/audit).
import { call, credential, onUnauthenticated, signIn, signOut } from './api.js';
import { deploymentDetail, deploymentList } from './deployments.js';
import { banner, errorBox, h } from './dom.js';
import { audit } from './audit.js';
import { events } from './events.js';
import { execPage } from './exec.js';
import { logs } from './logs.js';
import { models } from './models.js';
import { network } from './network.js';
import { overview } from './overview.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
const signOutButton = document.getElementById('sign-out');
let session = null;
let leave = () => {};

/** Who the caller is and what it may do (GET /v1/whoami); the node refuses anything else anyway. */
function sessionOf(answer) {
  const granted = new Set(answer.granted || []);
  return { ...answer, may: (permission) => granted.has(permission) };
}

function navigate(hash) {
  if (location.hash === hash) route(); else location.hash = hash;
}

function route() {
  leave();
  leave = () => {};
  banner(null);
  main.replaceChildren();
  if (!session) return;
  const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  for (const link of nav.querySelectorAll('a')) {
    link.toggleAttribute('aria-current', link.getAttribute('href') === '#/' + parts[0]);
  }
  if (parts[0] === 'deployments' && parts[1]) leave = deploymentDetail(main, session, parts[1], navigate);
  else if (parts[0] === 'deployments') leave = deploymentList(main, session);
  else if (parts[0] === 'logs') leave = logs(main, parts[1], parts[2]);
  else if (parts[0] === 'network') leave = network(main, session);
  else if (parts[0] === 'models') leave = models(main, session);
  else if (parts[0] === 'exec' && parts[1]) leave = execPage(main, parts[1]);
  else if (parts[0] === 'events') leave = events(main);
  else if (parts[0] === 'audit') leave = audit(main);
  else leave = overview(main);
  main.focus({ preventScroll: true });
}

function showSignIn(error) {
  leave();
  leave = () => {};
  session = null;
  nav.hidden = true;
  signOutButton.hidden = true;
  who.textContent = '';
  const kind = h('select', { id: 'credential-kind', name: 'kind' },
    h('option', { value: 'key' }, 'API key (hzk_…)'), h('option', { value: 'bearer' }, 'Bearer token (JWT)'));
  const secret = h('input', { id: 'credential', name: 'credential', type: 'password', autocomplete: 'off', required: true });
  const result = h('div', { id: 'sign-in-result', 'aria-live': 'polite' }, error ? errorBox(error) : null);
  main.replaceChildren(h('form', { class: 'sign-in', id: 'sign-in', onsubmit: async (event) => {
    event.preventDefault();
    signIn(kind.value, secret.value.trim());
    secret.value = '';
    try {
      await start();
    } catch (e) {
      signOut();
      result.replaceChildren(errorBox(e));
    }
  } }, h('h1', {}, 'Sign in to this node'),
  h('label', { for: 'credential-kind' }, 'Credential'), kind,
  h('label', { for: 'credential' }, 'Secret'), secret,
  h('button', { type: 'submit', id: 'sign-in-button' }, 'Sign in'), result));
  secret.focus();
}

/** Asks the node who we are; opens the dashboard, or throws the node's refusal. */
async function start() {
  const answer = await call('GET', '/v1/whoami');
  if (answer.iamEnabled && !credential()) {
    showSignIn();
    return;
  }
  session = sessionOf(answer);
  for (const link of nav.querySelectorAll('a[data-permission]')) {
    link.hidden = !session.may(link.dataset.permission); // pages whose calls the node would refuse
  }
  nav.hidden = false;
  signOutButton.hidden = !answer.iamEnabled;
  who.textContent = answer.iamEnabled ? answer.subject + ' (' + answer.roles.join(', ') + ')' : 'IAM off (loopback)';
  route();
}

onUnauthenticated((error) => {
  signOut();
  showSignIn(error); // a revoked key or an expired token: back to sign-in, saying why
});
signOutButton.addEventListener('click', () => { signOut(); showSignIn(); });
window.addEventListener('hashchange', () => route());
start().catch((e) => {
  if (e.status === 401) return; // onUnauthenticated showed the form
  main.replaceChildren(errorBox(e));
});
