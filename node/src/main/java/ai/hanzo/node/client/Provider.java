package ai.hanzo.node.client;

import java.util.List;

/**
 * A peer that announces a capability in the DHT.
 *
 * @param nodeId from its heartbeat; empty when none was received
 */
public record Provider(String peerId, List<String> addresses, String nodeId) {}
