package ai.hanzo.node.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where this node is and what it is labelled, as its heartbeat tells nodes that place deployments
 * ({@code --region}, {@code --zone}, {@code --label}); deployments placed with constraints match them. The lease
 * timeout ({@code --lease-timeout}) is how long a node that placed a deployment elsewhere waits for the target's
 * heartbeat before it places the deployment again. The compute pools ({@code --pool}) are named groups of nodes
 * that the pool routes describe from the live heartbeat view.
 */
public record PlacementConfig(String region, String zone, Map<String, String> labels, Duration leaseTimeout,
    List<PoolDefinition> pools) {
  /** How long a target may stay silent before the node that placed a deployment there places it again. */
  public static final Duration DEFAULT_LEASE_TIMEOUT = Duration.ofSeconds(30);
  public static final PlacementConfig NONE = new PlacementConfig("", "", Map.of());
  /** Most labels a node carries (the heartbeat's own limit on entries). */
  public static final int MAX_LABELS = 64;
  /** Region, zone, label keys and values: short words a constraint can name on a command line. */
  public static final Pattern WORD = Pattern.compile("[A-Za-z0-9._/-]{1,63}");

  public PlacementConfig(String region, String zone, Map<String, String> labels) {
    this(region, zone, labels, DEFAULT_LEASE_TIMEOUT);
  }

  public PlacementConfig(String region, String zone, Map<String, String> labels, Duration leaseTimeout) {
    this(region, zone, labels, leaseTimeout, List.of());
  }

  public PlacementConfig {
    labels = Map.copyOf(labels);
    pools = List.copyOf(pools);
    if (pools.size() > PoolDefinition.MAX_POOLS) {
      throw new IllegalArgumentException("at most " + PoolDefinition.MAX_POOLS + " pools");
    }
    if (pools.stream().map(PoolDefinition::id).distinct().count() != pools.size()) {
      throw new IllegalArgumentException("two pools have the same name");
    }
    if (leaseTimeout.isNegative() || leaseTimeout.isZero()) {
      throw new IllegalArgumentException("lease timeout must be positive");
    }
    if (!region.isEmpty() && !WORD.matcher(region).matches()) {
      throw new IllegalArgumentException("region must be 1 to 63 of A-Z a-z 0-9 . _ / -");
    }
    if (!zone.isEmpty() && !WORD.matcher(zone).matches()) {
      throw new IllegalArgumentException("zone must be 1 to 63 of A-Z a-z 0-9 . _ / -");
    }
    if (labels.size() > MAX_LABELS) {
      throw new IllegalArgumentException("at most " + MAX_LABELS + " labels");
    }
    labels.forEach((k, v) -> {
      if (!WORD.matcher(k).matches() || !WORD.matcher(v).matches()) {
        throw new IllegalArgumentException("label '" + k + "=" + v + "': keys and values must be 1 to 63 of"
            + " A-Z a-z 0-9 . _ / -");
      }
    });
  }
}
