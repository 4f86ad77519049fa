// The node's HTTP/JSON and WebSocket routes, with the signed-in caller's credential.
// The credential lives in sessionStorage only: never in a URL, a cookie or the console.
const STORAGE_KEY = 'hanzo.credential';
const SUBPROTOCOL = 'hanzo.v1';

/** A refusal or failure of the node, carrying its JSON error body (code, message, details). */
export class ApiError extends Error {
  constructor(status, body) {
    super(body.message);
    this.status = status;
    this.code = body.code;
    this.details = body.details || {};
  }
}

let unauthenticated = () => {};
/** Called when the node answers 401: the key was revoked or the token expired. */
export function onUnauthenticated(handler) { unauthenticated = handler; }

export function credential() {
  const raw = sessionStorage.getItem(STORAGE_KEY);
  return raw ? JSON.parse(raw) : null;
}

/** kind: 'key' (an hzk_ API key) or 'bearer' (a JWT). */
export function signIn(kind, secret) {
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ kind, secret }));
}

export function signOut() { sessionStorage.removeItem(STORAGE_KEY); }

function authHeaders() {
  const c = credential();
  if (!c) return {};
  return c.kind === 'key' ? { 'x-api-key': c.secret } : { authorization: 'Bearer ' + c.secret };
}

/** One JSON call; resolves to the parsed answer, rejects with an ApiError. */
export async function call(method, path, body) {
  const headers = authHeaders();
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store', credentials: 'omit',
    });
  } catch (e) {
    throw new ApiError(0, { code: 'UNAVAILABLE', message: 'the node did not answer (' + e.message + ')' });
  }
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
  if (!response.ok) {
    const error = new ApiError(response.status, json && typeof json.message === 'string' ? json
      : { code: 'HTTP_' + response.status, message: text.trim() || response.statusText });
    if (response.status === 401) unauthenticated(error);
    throw error;
  }
  return json;
}

/** A probe's plain-text answer (e.g. /readiness): { ok, text }. */
export async function probe(path) {
  try {
    const response = await fetch(path, { cache: 'no-store', credentials: 'omit' });
    return { ok: response.ok, text: (await response.text()).trim() };
  } catch (e) {
    return { ok: false, text: 'the node did not answer' };
  }
}

/** A WebSocket to the node carrying the credential as a subprotocol (a browser cannot set its headers). */
function openSocket(path) {
  const c = credential();
  const protocols = [SUBPROTOCOL];
  if (c) protocols.push((c.kind === 'key' ? 'hanzo.key.' : 'hanzo.bearer.') + c.secret);
  return new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + path, protocols);
}

/**
 * One exchange over a WebSocket, not retried: sends `request` as the first frame, hands every JSON frame to
 * onMessage, and onEnd(code, reason) once the node closes (1000 done; 1008 refused, 1013 busy: the last frame was
 * the API's error). Returns { send(data), close() }: send passes later frames (a string as text, bytes as binary);
 * close stops early (the node then cancels the work).
 */
export function exchange(path, request, onMessage, onEnd) {
  let socket;
  try {
    socket = openSocket(path);
  } catch (e) {
    onEnd(0, 'the credential cannot be sent over a WebSocket: ' + e.message);
    return { send() {}, close() {} };
  }
  socket.onopen = () => socket.send(JSON.stringify(request));
  socket.onmessage = (event) => onMessage(JSON.parse(event.data));
  socket.onclose = (event) => onEnd(event.code, event.reason);
  return {
    send(data) { if (socket.readyState === WebSocket.OPEN) socket.send(data); },
    close() { socket.close(1000); },
  };
}

const FIRST_RETRY_MS = 500;
const LAST_RETRY_MS = 15000;

/**
 * A WebSocket stream of JSON messages that reconnects with exponential backoff (0.5 s doubling to 15 s, with
 * jitter) until closed. The credential travels as a subprotocol (a browser cannot set headers on a WebSocket).
 * A close with 1008 is the node refusing the request itself (its reason is the API's error): no retry then.
 * onState(state, detail): 'connecting' | 'open' | 'retrying' (detail: ms) | 'refused' (detail: reason).
 * reconnected(): called on every open after the first, so a caller may clear what it shows.
 */
export function stream(path, onMessage, onState = () => {}) {
  let socket = null;
  let closed = false;
  let attempt = 0;
  let timer = null;
  let opened = false;
  function connect() {
    onState('connecting');
    try {
      socket = openSocket(path);
    } catch (e) {
      onState('refused', 'the credential cannot be sent over a WebSocket: ' + e.message);
      return;
    }
    socket.onopen = () => { attempt = 0; onState('open', opened); opened = true; };
    socket.onmessage = (event) => onMessage(JSON.parse(event.data));
    socket.onclose = (event) => {
      socket = null;
      if (closed) return;
      if (event.code === 1008) { onState('refused', event.reason); return; }
      const delay = Math.min(LAST_RETRY_MS, FIRST_RETRY_MS * 2 ** attempt) * (0.8 + 0.4 * Math.random());
      attempt++;
      onState('retrying', Math.round(delay));
      timer = setTimeout(connect, delay);
    };
  }
  connect();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      if (socket) socket.close(1000);
    },
  };
}

const LAST_POLL_MS = 60000;

/**
 * Calls read() (a promise) every everyMs while the page is visible, one call at a time, until closed. A rejected
 * read waits twice as long each time (with jitter, up to a minute), as the streams back off, so a node that is down
 * is not asked every few seconds; the next good read returns to the cadence. A hidden tab is not polled at all: it
 * reads once on coming back into view. Returns { close() }.
 */
export function poll(read, everyMs) {
  let closed = false;
  let running = false;
  let timer = null;
  let failures = 0;
  async function tick() {
    timer = null;
    if (closed || document.hidden || running) return;
    running = true;
    try {
      await read();
      failures = 0;
    } catch (e) {
      failures++;
    }
    running = false;
    schedule();
  }
  function schedule() {
    if (closed || document.hidden || running || timer !== null) return;
    const delay = failures ? Math.min(LAST_POLL_MS, everyMs * 2 ** failures) * (0.8 + 0.4 * Math.random()) : everyMs;
    timer = setTimeout(tick, delay);
  }
  function visibility() {
    clearTimeout(timer);
    timer = null;
    if (!document.hidden) tick();
  }
  document.addEventListener('visibilitychange', visibility);
  tick();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', visibility);
    },
  };
}
