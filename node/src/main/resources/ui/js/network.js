import { call } from './api.js';
import { h, errorBox } from './dom.js';
import { PeerGraph } from './peer-graph.js';

const REFRESH_MS = 5000;

/**
 * This node on libp2p (peer id, addresses, topics, DHT) and its peers, refreshed every 5 s; with qos:read, each
 * peer's QoS score where this node has one (GET /v1/qos/providers/{peer}/score answers 404 before any challenge).
 */
export function network(main, session) {
  const self = h('dl', { class: 'facts', id: 'network-self' });
  const topics = h('tbody', { id: 'topics-body' });
  const peers = h('tbody', { id: 'peers-body' });
  const all = h('input', { type: 'checkbox', id: 'peers-all', onchange: () => refresh() });
  const graph = new PeerGraph();
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
      const scores = await qosScores(session, p.peers || []);
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

/** Each peer's QoS score as the page shows it ('' where the node has none yet, or the caller may not read them). */
async function qosScores(session, peers) {
  if (!session.may('qos:read')) return peers.map(() => '');
  return Promise.all(peers.map(async (x) => {
    try {
      const s = await call('GET', '/v1/qos/providers/' + encodeURIComponent(x.peerId) + '/score');
      return Number(s.composite || 0).toFixed(2) + ' (' + (s.challenges || 0) + ' challenges)';
    } catch (e) {
      return e.status === 404 ? '' : e.message; // 404: never challenged; anything else is the node's own words
    }
  }));
}
