// A reader for the block YAML that Compose files are written in: mappings, sequences (also of mappings), plain,
// single- and double-quoted scalars, flow sequences and mappings of scalars, literal (|) and folded (>) blocks,
// comments. Anchors, tags and multi-document streams are not read (an error says so). Errors name the line.

export class YamlError extends Error {
  constructor(line, message) {
    super('line ' + line + ': ' + message);
    this.line = line;
  }
}

export function parseYaml(text) {
  const lines = [];
  text.replace(/\r\n?/g, '\n').split('\n').forEach((raw, i) => {
    if (/^\s*\t/.test(raw)) throw new YamlError(i + 1, 'tabs may not indent YAML');
    const content = stripComment(raw);
    if (content.trim() === '' || content.trim() === '---') return;
    if (/^\s*(&|\*|!)/.test(content.replace(/^\s*-\s+/, '')) || /:\s+[&*!]/.test(content)) {
      throw new YamlError(i + 1, 'anchors, aliases and tags are not supported');
    }
    lines.push({ no: i + 1, indent: content.length - content.trimStart().length, text: content.trim(), raw });
  });
  if (lines.length === 0) return null;
  const state = { lines, pos: 0, source: text.replace(/\r\n?/g, '\n').split('\n') };
  const value = block(state, lines[0].indent);
  if (state.pos < lines.length) throw new YamlError(lines[state.pos].no, 'unexpected indentation');
  return value;
}

function stripComment(line) {
  let quote = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) { if (c === quote) quote = null; continue; }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) return line.slice(0, i).trimEnd();
  }
  return line.trimEnd();
}

function block(state, indent) {
  const first = state.lines[state.pos];
  return first.text === '-' || first.text.startsWith('- ') ? sequence(state, indent) : mapping(state, indent);
}

function sequence(state, indent) {
  const items = [];
  while (state.pos < state.lines.length) {
    const line = state.lines[state.pos];
    if (line.indent < indent) break;
    if (line.indent > indent) throw new YamlError(line.no, 'unexpected indentation');
    if (!(line.text === '-' || line.text.startsWith('- '))) throw new YamlError(line.no, 'expected a "- " item');
    const rest = line.text.slice(1).trimStart();
    if (rest === '') {
      state.pos++;
      items.push(nested(state, indent, line.no));
    } else if (keyOf(rest) !== null) {
      // "- key: value" starts a mapping whose keys line up with "key".
      const inner = indent + (line.text.length - rest.length);
      state.lines[state.pos] = { ...line, indent: inner, text: rest };
      items.push(mapping(state, inner));
    } else {
      state.pos++;
      items.push(scalarOrBlock(state, rest, line, indent));
    }
  }
  return items;
}

function mapping(state, indent) {
  const map = {};
  while (state.pos < state.lines.length) {
    const line = state.lines[state.pos];
    if (line.indent < indent) break;
    if (line.indent > indent) throw new YamlError(line.no, 'unexpected indentation');
    const key = keyOf(line.text);
    if (key === null) throw new YamlError(line.no, 'expected "key: value", found "' + line.text + '"');
    if (Object.prototype.hasOwnProperty.call(map, key.name)) {
      throw new YamlError(line.no, 'the key "' + key.name + '" appears twice');
    }
    state.pos++;
    map[key.name] = key.rest === '' ? nested(state, indent, line.no, true)
      : scalarOrBlock(state, key.rest, line, indent);
  }
  return map;
}

/** The value on the lines below a "key:" or "-": deeper lines, a sequence at the same indent, or null. */
function nested(state, indent, no, sequenceMayAlign) {
  const next = state.lines[state.pos];
  if (!next) return null;
  if (next.indent > indent) return block(state, next.indent);
  if (sequenceMayAlign && next.indent === indent && (next.text === '-' || next.text.startsWith('- '))) {
    return sequence(state, indent);
  }
  return null;
}

function keyOf(text) {
  const m = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s"'#\[\]{},:][^:#]*?|[^\s"'#\[\]{},:]):(?:\s+(.*))?$/.exec(text);
  if (!m) return null;
  return { name: String(scalar(m[1])), rest: (m[2] || '').trim() };
}

function scalarOrBlock(state, text, line, indent) {
  if (/^[|>][+-]?$/.test(text)) return blockScalar(state, text, indent);
  try {
    return text.startsWith('[') || text.startsWith('{') ? flow(text) : scalar(text);
  } catch (e) {
    throw new YamlError(line.no, e.message);
  }
}

function blockScalar(state, header, indent) {
  const parts = [];
  let deepest = null;
  while (state.pos < state.lines.length && state.lines[state.pos].indent > indent) {
    const line = state.lines[state.pos];
    if (deepest === null) deepest = line.indent;
    parts.push(line.raw.slice(deepest));
    state.pos++;
  }
  const body = header[0] === '|' ? parts.join('\n') : parts.join(' ');
  return header.endsWith('-') ? body : body + '\n';
}

function flow(text) {
  const open = text[0];
  const close = open === '[' ? ']' : '}';
  if (!text.endsWith(close)) throw new Error('"' + open + '" is not closed on its line');
  const inner = text.slice(1, -1).trim();
  const parts = inner === '' ? [] : splitFlow(inner);
  if (open === '[') return parts.map(scalar);
  const map = {};
  for (const part of parts) {
    const key = keyOf(part);
    if (key === null) throw new Error('expected "key: value" in {...}, found "' + part + '"');
    map[key.name] = scalar(key.rest);
  }
  return map;
}

function splitFlow(text) {
  const parts = [];
  let quote = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) { if (c === quote) quote = null; continue; }
    if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') throw new Error('nested flow collections are not supported');
    else if (c === ',') { parts.push(text.slice(start, i).trim()); start = i + 1; }
  }
  parts.push(text.slice(start).trim());
  return parts.filter((p) => p !== '');
}

function scalar(text) {
  if (text.startsWith('"')) {
    if (!/^"(?:[^"\\]|\\.)*"$/.test(text)) throw new Error('unterminated string ' + text);
    return JSON.parse(text);
  }
  if (text.startsWith("'")) {
    if (!/^'(?:[^']|'')*'$/.test(text)) throw new Error('unterminated string ' + text);
    return text.slice(1, -1).replace(/''/g, "'");
  }
  if (text === '' || text === '~' || text === 'null') return null;
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (/^-?(0|[1-9][0-9]*)$/.test(text)) return Number(text);
  if (/^-?[0-9]+\.[0-9]+$/.test(text)) return Number(text);
  return text;
}
