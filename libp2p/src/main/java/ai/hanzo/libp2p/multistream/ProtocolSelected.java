package ai.hanzo.libp2p.multistream;

/** User event fired down the pipeline when connection-level negotiation agreed on a protocol. */
public record ProtocolSelected(String protocol) {}
