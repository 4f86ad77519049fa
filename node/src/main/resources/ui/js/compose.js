// A Compose file (YAML or JSON) as the node's DeployRequest: the same shape the CLI sends. Only what Compose
// writes in more than one form is normalised here (a command as one string, environment as a list, ports and
// volumes in their long form, a numeric value where the API takes a string); everything else is passed as
// written, so the node judges it and its error names the field.
import { parseYaml } from './yaml.js';

export class ComposeError extends Error {
  constructor(path, message) {
    super(path + ': ' + message);
    this.path = path;
  }
}

export function deployRequest(text, name) {
  const doc = parseYaml(text);
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new ComposeError('(file)', 'a Compose file is a mapping with "services"');
  }
  const spec = { ...doc };
  if (doc.services && typeof doc.services === 'object' && !Array.isArray(doc.services)) {
    spec.services = {};
    for (const [service, body] of Object.entries(doc.services)) {
      spec.services[service] = serviceSpec('services.' + service, body);
    }
  }
  const projectName = name || (typeof doc.name === 'string' ? doc.name : '');
  return { name: projectName, spec };
}

function serviceSpec(path, body) {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ComposeError(path, 'a service is a mapping (image, command, ...)');
  }
  const s = { ...body };
  if (typeof s.command === 'string') s.command = shellWords(s.command, path + '.command');
  if (typeof s.entrypoint === 'string') s.entrypoint = shellWords(s.entrypoint, path + '.entrypoint');
  if (Array.isArray(s.environment)) s.environment = environmentList(s.environment, path + '.environment');
  else if (s.environment) s.environment = textValues(s.environment);
  if (Array.isArray(s.ports)) s.ports = s.ports.map((p) => (typeof p === 'object' && p ? longPort(p) : String(p)));
  if (Array.isArray(s.volumes)) s.volumes = s.volumes.map((v) => (typeof v === 'object' && v ? longVolume(v) : String(v)));
  if (s.networks && !Array.isArray(s.networks) && typeof s.networks === 'object') s.networks = Object.keys(s.networks);
  if (s.healthcheck && typeof s.healthcheck.test === 'string') s.healthcheck = { ...s.healthcheck, test: ['CMD-SHELL', s.healthcheck.test] };
  if (s.deploy && s.deploy.resources) {
    const r = s.deploy.resources;
    s.deploy = { ...s.deploy, resources: { ...r, limits: limits(r.limits), reservations: limits(r.reservations) } };
  }
  if (s.pids_limit !== undefined) {
    const deploy = s.deploy || {};
    const resources = deploy.resources || {};
    s.deploy = { ...deploy, resources: { ...resources, limits: { ...(resources.limits || {}), pids: s.pids_limit } } };
    delete s.pids_limit;
  }
  return s;
}

function limits(l) {
  if (!l || typeof l !== 'object') return l;
  const out = { ...l };
  if (typeof out.cpus === 'number') out.cpus = String(out.cpus);
  if (typeof out.memory === 'number') out.memory = String(out.memory);
  return out;
}

function textValues(map) {
  const out = {};
  for (const [k, v] of Object.entries(map)) out[k] = v === null ? v : String(v);
  return out;
}

function environmentList(items, path) {
  const out = {};
  items.forEach((item, i) => {
    const entry = String(item);
    const eq = entry.indexOf('=');
    if (eq <= 0) throw new ComposeError(path + '[' + i + ']', 'expected KEY=VALUE, found "' + entry + '"');
    out[entry.slice(0, eq)] = entry.slice(eq + 1);
  });
  return out;
}

function longPort(p) {
  return (p.host_ip ? p.host_ip + ':' : '') + (p.published ? p.published + ':' : '') + p.target
    + (p.protocol ? '/' + p.protocol : '');
}

function longVolume(v) {
  return (v.source ? v.source + ':' : '') + v.target + (v.read_only ? ':ro' : '');
}

/** Splits a command line as a POSIX shell would split words: quotes and backslashes, no expansion. */
export function shellWords(line, path) {
  const words = [];
  let word = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new ComposeError(path, 'unterminated single quote');
      word = (word || '') + line.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      let out = '';
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && j + 1 < line.length && '"\\$`'.includes(line[j + 1])) j++;
        out += line[j];
      }
      if (j >= line.length) throw new ComposeError(path, 'unterminated double quote');
      word = (word || '') + out;
      i = j;
    } else if (c === '\\' && i + 1 < line.length) {
      word = (word || '') + line[++i];
    } else if (/\s/.test(c)) {
      if (word !== null) { words.push(word); word = null; }
    } else {
      word = (word || '') + c;
    }
  }
  if (word !== null) words.push(word);
  return words;
}
