/**
 * Gossipsub v1.1 ({@code /meshsub/1.1.0}, {@code /meshsub/1.0.0}) with StrictSign messages and
 * js-libp2p compatible message ids. {@link ai.hanzo.libp2p.pubsub.Gossipsub} is the API; one
 * single-threaded scheduler per instance owns the router ({@code GossipRouter}, {@code
 * ControlHandler}, {@code Heartbeat}, {@code PeerScore}); inbound frames are decoded on the
 * connections' event loops and handed to it; outbound RPCs go to one long-lived stream per peer.
 */
package ai.hanzo.libp2p.pubsub;
