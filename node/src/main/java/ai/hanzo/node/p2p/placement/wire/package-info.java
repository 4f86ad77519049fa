/**
 * The messages of {@code /hanzo/deploy/1.0.0} as {@code placement.proto} messages: the codec {@code p2p.placement}
 * is handed. Like {@code p2p.inference.wire}, it uses only the generated messages, never gRPC or Armeria, and names
 * every missing or oversized field.
 */
package ai.hanzo.node.p2p.placement.wire;
