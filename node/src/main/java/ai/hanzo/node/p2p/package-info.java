/**
 * The node on the libp2p network: its persistent Ed25519 identity, the host on {@code --p2p-addr}, bootstrap
 * dialing with backoff, the peers remembered in the database, mDNS, Gossipsub and the Kademlia DHT (capability
 * announcements), and the views of peers, topics and providers the API shows.
 */
package ai.hanzo.node.p2p;
