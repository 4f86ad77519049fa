/**
 * The node's four Gossipsub topics (heartbeat, deployments, metrics, commands): what is published and when, the
 * checks every message passes before it is delivered or forwarded, the directory of nodes heard, and signed
 * commands (authorized, executed once, remembered until they expire). Payload encoding is handed in as codecs, so
 * this package never sees wire types.
 */
package ai.hanzo.node.p2p.gossip;
