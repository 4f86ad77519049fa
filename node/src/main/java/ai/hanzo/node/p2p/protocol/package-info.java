/**
 * The one shape every {@code /hanzo/...} request protocol has on libp2p, so each protocol package keeps only what
 * is its own (messages, authorization, the work). Server side: {@link ai.hanzo.node.p2p.protocol.ProtocolServer}
 * registers a protocol id, bounds the work per peer ({@link ai.hanzo.node.p2p.protocol.PeerSlots}) and runs it on a
 * bounded executor of its own, never on the event loop; {@link ai.hanzo.node.p2p.protocol.InboundRequest} reads the
 * one length-prefixed request of a stream (size-limited, a second one resets the stream) and names the
 * Noise-authenticated peer; {@link ai.hanzo.node.p2p.protocol.InboundSession} serves a stream that stays open both
 * ways for a session's life (a start frame, then inputs, pulled one delivery at a time so a slow consumer stops the
 * caller at the Yamux window; writes only while writable, a stalled reader reset). Client side: {@link ai.hanzo.node.p2p.protocol.ProtocolClient} opens streams (dialing
 * known addresses, at most so many per peer) and {@link ai.hanzo.node.p2p.protocol.OutboundRequest} writes the
 * request and frames the replies; {@link ai.hanzo.node.p2p.protocol.OutboundSession} keeps writing after it. {@link ai.hanzo.node.p2p.protocol.ProtocolRegistry} starts and stops the
 * protocols a node serves, so the node itself knows none of them. Framing: {@link
 * ai.hanzo.node.p2p.protocol.LengthPrefixed}. Depends on no other {@code p2p} package but {@code p2p.gossip}'s
 * malformed-payload exception.
 */
package ai.hanzo.node.p2p.protocol;
