/**
 * The node on the libp2p network: its persistent Ed25519 identity, the host on {@code --p2p-addr}, bootstrap
 * dialing with backoff, the peers remembered in the database, mDNS, Gossipsub and the Kademlia DHT (capability
 * announcements), and the views of peers, topics and providers the API shows. It starts the servers of the node's
 * own protocols ({@code p2p.inference}, {@code p2p.placement}) when the composition root hands it their services.
 */
package ai.hanzo.node.p2p;
