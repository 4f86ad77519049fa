import { call, exchange } from './api.js';
import { h, errorBox } from './dom.js';

/**
 * The node's models (GET /v1/models: which it has, which are loaded now) and a prompt box whose completion
 * streams token by token over /ws/inference. Leaving the page (or Stop) closes the socket: the node cancels.
 */
export function models(main, session) {
  const body = h('tbody', { id: 'models-body' });
  const listError = h('div', { id: 'models-error' });
  const model = h('select', { id: 'prompt-model', name: 'model', required: true });
  const prompt = h('textarea', { id: 'prompt', name: 'prompt', rows: 4, required: true, maxlength: 100000 });
  const maxTokens = h('input', { id: 'max-tokens', name: 'max_tokens', type: 'number', min: 1, max: 4096, value: 64 });
  const temperature = h('input', { id: 'temperature', name: 'temperature', type: 'number', min: 0, max: 2, step: 0.1,
    value: 0.7 });
  const output = h('pre', { id: 'completion', class: 'completion', 'aria-live': 'polite' });
  const result = h('div', { id: 'completion-result', 'aria-live': 'polite' });
  const stop = h('button', { type: 'button', id: 'stop-generation', disabled: true, onclick: () => end() }, 'Stop');
  const go = h('button', { type: 'submit', id: 'generate' }, 'Generate');
  let running = null;

  main.append(h('h1', {}, 'Models'), listError,
    h('table', { class: 'table', id: 'models' }, h('thead', {}, h('tr', {},
      ...['Model', 'Loaded', 'Added'].map((c) => h('th', { scope: 'col' }, c)))), body));
  if (session.may('inference:execute')) {
    main.append(h('h2', {}, 'Prompt'), h('form', { class: 'prompt', id: 'prompt-form', onsubmit: generate },
      h('label', { for: 'prompt-model' }, 'Model'), model,
      h('label', { for: 'prompt' }, 'Prompt'), prompt,
      h('label', { for: 'max-tokens' }, 'Max tokens'), maxTokens,
      h('label', { for: 'temperature' }, 'Temperature'), temperature,
      h('div', {}, go, ' ', stop)), output, result);
  }

  call('GET', '/v1/models').then((answer) => {
    const list = answer.data || [];
    body.replaceChildren(...list.map((m) => h('tr', { 'data-model': m.id }, h('td', {}, m.id),
      h('td', { class: 'loaded' }, m.loaded ? 'yes' : 'no'),
      h('td', {}, m.created ? new Date(m.created * 1000).toISOString().replace('.000Z', 'Z') : ''))));
    model.replaceChildren(...list.map((m) => h('option', { value: m.id }, m.id)));
    if (!list.length) listError.replaceChildren(h('p', { class: 'muted' }, 'This node has no models (hanzo-node models add).'));
  }, (e) => listError.replaceChildren(errorBox(e)));

  function generate(event) {
    event.preventDefault();
    end();
    output.textContent = '';
    result.replaceChildren(h('span', { class: 'muted' }, 'generating…'));
    go.disabled = true;
    stop.disabled = false;
    let usage = null;
    let finish = null;
    let refusal = null;
    running = exchange('/ws/inference', {
      model: model.value, prompt: prompt.value, max_tokens: Number(maxTokens.value),
      temperature: Number(temperature.value),
    }, (frame) => {
      if (frame.code && frame.message) { refusal = frame; return; }
      const choice = (frame.choices || [])[0] || {};
      if (choice.text) output.append(choice.text); // text nodes: the model's output is never markup
      if (choice.finish_reason) finish = choice.finish_reason;
      if (frame.usage) usage = frame.usage;
    }, (code, reason) => {
      running = null;
      go.disabled = false;
      stop.disabled = true;
      if (refusal) result.replaceChildren(errorBox(refusal));
      else if (finish) {
        result.replaceChildren(h('span', { id: 'completion-done' }, 'finished: ' + finish
          + (usage ? ' · ' + usage.prompt_tokens + ' prompt + ' + usage.completion_tokens + ' completion tokens' : '')));
      } else if (code === 1000) result.replaceChildren(h('span', { id: 'completion-done' }, 'stopped'));
      else result.replaceChildren(errorBox({ code: 'CLOSED_' + code, message: reason || 'the connection ended' }));
    });
  }

  function end() {
    if (running) running.close();
  }
  return end;
}
