/**
 * The messages of {@code /hanzo/inference/1.0.0} as {@code network_inference.proto} messages: the codec
 * {@code p2p.inference} is handed. Like {@code p2p.gossip.wire}, it uses only the generated messages, never gRPC or
 * Armeria, and names every missing or oversized field.
 */
package ai.hanzo.node.p2p.inference.wire;
