/**
 * The node's four Gossipsub topics (heartbeat, deployments, metrics, commands): what is published and when, the
 * checks every message passes before it is delivered or forwarded, the directory of nodes heard, and signed
 * commands (authorized, executed once, remembered until they expire). A {@link
 * ai.hanzo.node.p2p.gossip.PeerAdmission} decides, after a message's own checks, whether its signer's messages count
 * at all (stake on chain, with {@code --require-stake}), asynchronously so the router never waits. Payload encoding is handed in as codecs, so
 * this package never sees wire types.
 */
package ai.hanzo.node.p2p.gossip;
