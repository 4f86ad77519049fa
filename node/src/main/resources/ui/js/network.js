import { call } from './api.js';
import { h, errorBox } from './dom.js';
import { PeerGraph } from './peer-graph.js';

const REFRESH_MS = 5000;

/**
 * This node on libp2p (peer id, addresses, topics, DHT) and its peers, refreshed every 5 s; with qos:read, the QoS
 * score of each connected peer where this node has one. Scores move only when a challenge ran (seconds to minutes
 * apart), so they are read in one call (GET /v1/qos/scores) every 30 s, or at once when a peer connects, not per peer
 * per refresh: with 200 peers that was 200 calls every 5 s.
 */
export function network(main, session) {
  const self = h('dl', { class: 'facts', id: 'network-self' });
  const topics = h('tbody', { id: 'topics-body' });
  const peers = h('tbody', { id: 'peers-body' });
  const all = h('input', { type: 'checkbox', id: 'peers-all', onchange: () => refresh() });
  const graph = new PeerGraph();
  const qos = new QosScores(session);
  main.append(h('h1', {}, 'Network'), self,
    h('h2', {}, 'Connected peers'), graph.svg,
    h('h2', {}, 'Topics'),
    h('table', { class: 'table', id: 'topics' }, h('thead', {}, h('tr', {}, ...['Topic', 'Mesh peers', 'Topic peers']
      .map((c) => h('th', { scope: 'col' }, c)))), topics),
    h('h2', {}, 'Peers'),
    h('p', {}, all, ' ', h('label', { for: 'peers-all', class: 'inline' }, 'also remembered peers that are not connected')),
    h('table', { class: 'table', id: 'peers' }, h('thead', {}, h('tr', {}, ...['Peer', 'Node', 'State', 'Connected',
      'RTT', 'Runtimes', 'Models', 'Stake', 'QoS'].map((c) => h('th', { scope: 'col' }, c)))), peers));

  const fact = (term, value) => [h('dt', {}, term), h('dd', {}, value)];
  async function refresh() {
    try {
      const [n, p] = await Promise.all([call('GET', '/v1/network'),
        call('GET', '/v1/peers' + (all.checked ? '?all=true' : ''))]);
      self.replaceChildren(...fact('Peer id', h('code', {}, n.peerId)), ...fact('Network', n.networkId),
        ...fact('Listening on', (n.listenAddresses || []).join(' ')),
        ...fact('Peers', n.connectedPeers + ' connected, ' + n.knownPeers + ' known (at most ' + n.maxPeers + ')'),
        ...fact('DHT', n.dhtMode + ', ' + n.routingTableSize + ' in the routing table'),
        ...fact('mDNS', n.mdns ? 'on' : 'off'));
      topics.replaceChildren(...(n.topics || []).map((t) => h('tr', {}, h('td', {}, h('code', {}, t.topic)),
        h('td', {}, String(t.meshPeers)), h('td', {}, String(t.topicPeers)))));
      graph.draw(n.peerId, p.peers || []);
      const scores = await qos.of(p.peers || []);
      const rows = (p.peers || []).map((x, i) => {
        const caps = x.capabilities || {};
        const stake = x.staked ? (x.stakeWei || '') + ' wei' + (x.stakeStale ? ' (stale)' : '') : (x.operatorAddress ? 'not staked' : '');
        return h('tr', { 'data-peer': x.peerId }, h('td', {}, h('code', { title: x.peerId }, x.peerId.slice(0, 16) + '…')), h('td', {}, x.nodeId),
          h('td', {}, String(x.state || '').replace('NODE_STATE_', '')), h('td', {}, x.connected ? (x.direction || 'yes') : 'no'),
          h('td', {}, x.rttMs ? x.rttMs.toFixed(1) + ' ms' : ''), h('td', {}, (caps.supportedRuntimes || []).join(', ')),
          h('td', {}, (caps.models || []).join(', ')), h('td', {}, stake), h('td', { class: 'qos' }, scores[i]));
      });
      peers.replaceChildren(...(rows.length ? rows : [h('tr', {}, h('td', { colspan: '9', class: 'muted' }, 'No peers.'))]));
    } catch (e) {
      self.replaceChildren(errorBox(e));
    }
  }
  refresh();
  const timer = setInterval(refresh, REFRESH_MS);
  return () => clearInterval(timer);
}

const SCORES_EVERY_MS = 30000;
const MAX_SCORED = 64; // the API's bound on one ListProviderScores

/** Each connected peer's QoS score as the page shows it: '' where the node has none yet or the caller may not read them. */
class QosScores {
  constructor(session) {
    this.allowed = session.may('qos:read');
    this.text = new Map(); // peer id -> what the QoS column shows
    this.asked = '';       // the connected peers of the last read
    this.readAt = 0;
  }

  async of(peers) {
    if (!this.allowed) return peers.map(() => '');
    const connected = peers.filter((x) => x.connected).map((x) => x.peerId).sort().slice(0, MAX_SCORED);
    const key = connected.join(',');
    const due = Date.now() - this.readAt >= SCORES_EVERY_MS || key !== this.asked;
    if (due && connected.length) await this.read(connected, key);
    return peers.map((x) => (x.connected ? this.text.get(x.peerId) || '' : ''));
  }

  async read(connected, key) {
    this.asked = key;
    this.readAt = Date.now();
    try {
      const r = await call('GET', '/v1/qos/scores?providers=' + connected.map(encodeURIComponent).join(','));
      this.text = new Map((r.scores || []).map((s) => [s.provider,
        Number(s.composite || 0).toFixed(2) + ' (' + (s.challenges || 0) + ' challenges)']));
    } catch (e) {
      this.text = new Map(connected.map((id) => [id, e.message])); // the node's own words, in every row
    }
  }
}
