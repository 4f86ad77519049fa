// Building the page from data without HTML strings: text is always text (node output cannot inject markup).
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** The API's error as the page shows it: code, message and the field it names. */
export function errorBox(error, id) {
  const field = error.details && error.details.field;
  return h('div', { class: 'error', role: 'alert', id },
    h('strong', {}, error.code || 'ERROR'), ' ', error.message,
    field ? h('div', { class: 'field' }, 'field: ', h('code', {}, field)) : null);
}

export function percent(fraction) {
  return (100 * (fraction || 0)).toFixed(1) + ' %';
}

export function duration(seconds) {
  const s = Number(seconds || 0);
  const d = Math.floor(s / 86400);
  const hh = Math.floor((s % 86400) / 3600);
  const mm = Math.floor((s % 3600) / 60);
  return (d ? d + 'd ' : '') + (d || hh ? hh + 'h ' : '') + mm + 'm ' + (s % 60) + 's';
}

/** Sets the live-connection banner: null hides it. */
export function banner(text) {
  const el = document.getElementById('banner');
  el.textContent = text || '';
  el.hidden = !text;
}

/** The banner text for a stream's state, shared by every page that follows one. */
export function streamBanner(state, detail) {
  if (state === 'retrying') banner('Connection to the node lost; reconnecting in ' + (detail / 1000).toFixed(1) + ' s');
  else if (state === 'open') banner(null);
}
