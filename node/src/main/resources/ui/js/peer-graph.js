// The connected peers as a small graph in SVG, drawn by the page itself (no library): this node in the middle,
// each connected peer on a circle around it, joined by a line labelled with the peer's round-trip time.
const NS = 'http://www.w3.org/2000/svg';
const SIZE = 360;
const CENTRE = SIZE / 2;
const RADIUS = 130;
/** More peers than this are drawn as the first ones plus a count: the graph stays readable and small. */
const MAX_DRAWN = 24;

function el(tag, attrs, text) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

function shortId(peerId) {
  return peerId.length > 10 ? peerId.slice(0, 4) + '…' + peerId.slice(-4) : peerId;
}

export class PeerGraph {
  constructor() {
    this.svg = el('svg', { id: 'peer-graph', class: 'peer-graph', viewBox: '0 0 ' + SIZE + ' ' + SIZE, role: 'img' });
  }

  /** selfId: this node's peer id; peers: GetPeers' peers (only the connected ones are drawn). */
  draw(selfId, peers) {
    const connected = peers.filter((p) => p.connected);
    const drawn = connected.slice(0, MAX_DRAWN);
    this.svg.setAttribute('aria-label', 'this node and its ' + connected.length + ' connected peer' + (connected.length === 1 ? '' : 's'));
    const edges = [];
    const nodes = [];
    drawn.forEach((p, i) => {
      const angle = (2 * Math.PI * i) / drawn.length - Math.PI / 2;
      const x = (CENTRE + RADIUS * Math.cos(angle)).toFixed(1);
      const y = (CENTRE + RADIUS * Math.sin(angle)).toFixed(1);
      edges.push(el('line', { x1: CENTRE, y1: CENTRE, x2: x, y2: y, class: 'edge' }));
      if (p.rttMs) {
        edges.push(el('text', { x: ((CENTRE + Number(x)) / 2).toFixed(1), y: ((CENTRE + Number(y)) / 2).toFixed(1),
          class: 'rtt' }, p.rttMs.toFixed(1) + ' ms'));
      }
      const g = el('g', { class: 'peer', 'data-peer': p.peerId });
      g.append(el('title', {}, p.peerId + (p.nodeId ? ' (' + p.nodeId + ')' : '')),
        el('circle', { cx: x, cy: y, r: 9 }), el('text', { x, y: (Number(y) + 22).toFixed(1), class: 'label' },
          p.nodeId || shortId(p.peerId)));
      nodes.push(g);
    });
    const self = el('g', { class: 'self', 'data-peer': selfId });
    self.append(el('title', {}, selfId + ' (this node)'), el('circle', { cx: CENTRE, cy: CENTRE, r: 13 }),
      el('text', { x: CENTRE, y: CENTRE + 30, class: 'label' }, 'this node'));
    const more = connected.length > drawn.length
      ? [el('text', { x: 8, y: SIZE - 8, class: 'label', 'text-anchor': 'start' }, '+' + (connected.length - drawn.length) + ' more')] : [];
    const none = connected.length === 0
      ? [el('text', { x: CENTRE, y: CENTRE - 30, class: 'label' }, 'no connected peers')] : [];
    this.svg.replaceChildren(...edges, ...nodes, self, ...more, ...none);
  }
}
