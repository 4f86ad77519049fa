package ai.hanzo.node.compute;

import java.time.Instant;

/**
 * What an allocation asks this node to keep: {@code gpus} GPUs (any free ones) besides CPUs, memory and replica
 * slots, until {@code expiresAt}.
 *
 * @param org the caller's organisation; empty for none
 * @param placerPeerId the peer asking (this node's own when the allocation is made here)
 */
public record HoldRequest(String id, String org, String placerPeerId, long nanoCpus, long memoryBytes, int replicas,
    int gpus, Instant expiresAt) {}
