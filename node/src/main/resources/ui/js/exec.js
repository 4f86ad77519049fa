import { exchange } from './api.js';
import { h, errorBox } from './dom.js';

/** What the terminal keeps of a command's output: a chatty command must not grow the page without bound. */
const MAX_CHARS = 200000;

/**
 * A command in a container over /ws/exec/{id}: the first frame is the ExecInput (the command), each line typed is
 * sent as stdin (a binary frame), Ctrl-D / "Close stdin" sends the empty frame that ends stdin, and the output
 * (ExecOutput frames, stdout and stderr in base64) is shown as text until the frame with `done` and the exit code.
 */
export function execPage(main, containerId) {
  const command = h('input', { id: 'exec-command', name: 'command', value: 'sh', autocomplete: 'off' });
  const output = h('pre', { class: 'log terminal', id: 'exec-output', tabindex: '0', 'aria-live': 'polite' });
  const input = h('input', { id: 'exec-input', name: 'stdin', autocomplete: 'off', disabled: true,
    'aria-label': 'standard input: Enter sends the line, Ctrl-D ends it' });
  const result = h('div', { id: 'exec-result', 'aria-live': 'polite' });
  const eof = h('button', { type: 'button', id: 'exec-eof', disabled: true, onclick: () => closeStdin() }, 'Close stdin');
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let session = null;

  main.append(h('h1', {}, 'Exec in ', h('code', {}, containerId.slice(0, 12))),
    h('form', { class: 'inline', id: 'exec-form', onsubmit: start },
      h('label', { for: 'exec-command' }, 'Command'), command, h('button', { type: 'submit', id: 'exec-start' }, 'Run')),
    output,
    h('form', { class: 'inline', onsubmit: (event) => { event.preventDefault(); sendLine(); } },
      h('label', { for: 'exec-input' }, 'Input'), input, eof),
    result);
  input.addEventListener('keydown', (event) => {
    if (event.ctrlKey && event.key === 'd') { event.preventDefault(); closeStdin(); }
  });

  function append(text) {
    output.append(text); // a text node: the command's output is never markup
    if (output.textContent.length > MAX_CHARS) output.textContent = output.textContent.slice(-MAX_CHARS / 2);
    output.scrollTop = output.scrollHeight;
  }

  function start(event) {
    event.preventDefault();
    end();
    output.textContent = '';
    result.replaceChildren();
    const argv = command.value.trim().split(/\s+/).filter(Boolean);
    let refusal = null;
    let exitCode = null;
    session = exchange('/ws/exec/' + encodeURIComponent(containerId), { command: argv }, (frame) => {
      if (frame.code && frame.message) { refusal = frame; return; }
      if (frame.stdout) append(decoder.decode(base64(frame.stdout), { stream: true }));
      if (frame.stderr) append(decoder.decode(base64(frame.stderr), { stream: true }));
      if (frame.done) exitCode = frame.exitCode || 0;
    }, (code, reason) => {
      session = null;
      input.disabled = true;
      eof.disabled = true;
      if (refusal) result.replaceChildren(errorBox(refusal));
      else if (exitCode !== null) result.replaceChildren(h('span', { id: 'exec-exit' }, 'exited with ' + exitCode));
      else result.replaceChildren(errorBox({ code: 'CLOSED_' + code, message: reason || 'the connection ended' }));
    });
    input.disabled = false;
    eof.disabled = false;
    input.focus();
  }

  function sendLine() {
    if (!session) return;
    append(input.value + '\n'); // the echo a terminal would show
    session.send(encoder.encode(input.value + '\n'));
    input.value = '';
  }

  function closeStdin() {
    if (session) session.send(new Uint8Array(0));
  }

  function end() {
    if (session) session.close();
  }
  return end;
}

function base64(text) {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}
