package ai.hanzo.node.client;

import java.util.List;

/**
 * A libp2p peer a node knows, and what its latest heartbeat announced.
 *
 * @param direction {@code inbound} or {@code outbound} while connected, else empty
 * @param rttMs the last ping's round trip; 0 when not measured yet
 * @param lastSeen Unix seconds
 * @param state the API's name of the announced state ({@code NODE_STATE_READY}, ...)
 * @param capabilities {@code null} when no heartbeat announced any
 * @param lastHeartbeat Unix seconds; 0 when never
 * @param metrics {@code null} when no heartbeat announced any
 * @param operatorAddress the operator its heartbeat claims; empty when none
 * @param staked the registry binds its PeerId to that operator, which holds at least the minimum stake
 * @param stakeWei the bound operator's stake in wei (decimal); empty when not known
 * @param boundOperator the operator the registry binds its PeerId to; empty when none
 * @param stakeStale the chain could not be asked the last time: the stake is the last known one
 */
public record Peer(String peerId, List<String> addresses, List<String> protocols, String agentVersion,
    boolean connected, String direction, double rttMs, long lastSeen, String nodeId, String state,
    Capabilities capabilities, long lastHeartbeat, Metrics metrics, List<String> apiEndpoints,
    String operatorAddress, boolean staked, String stakeWei, String boundOperator, boolean stakeStale) {

  public record Capabilities(long cpuCores, long memoryBytes, long diskBytes, List<Gpu> gpus, boolean mlxEnabled,
      List<String> supportedRuntimes, String region, String zone) {}

  public record Gpu(String model, long memoryBytes, String driverVersion) {}
}
