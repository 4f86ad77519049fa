/**
 * The gossip payloads of the four node topics as {@code network.proto} messages: the codecs that {@code p2p.gossip}
 * is handed, so the wire types stay in the API layer. Every required field is named when it is missing.
 */
package ai.hanzo.node.api.gossip;
