package ai.hanzo.node.config;

import java.time.Duration;

/**
 * How this node samples its peers with QoS challenges: a round every {@code interval} on average (each round's delay
 * is jittered by up to half of it, so nodes started together do not challenge in step), and at most {@code peers}
 * challenges a round, run one after the other. A zero interval turns sampling off.
 */
public record QosSampling(Duration interval, int peers) {
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);
  public static final int DEFAULT_PEERS = 3;
  public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
  public static final Duration MAX_INTERVAL = Duration.ofHours(24);
  public static final int MAX_PEERS = 100;
  public static final QosSampling OFF = new QosSampling(Duration.ZERO, DEFAULT_PEERS);
  public static final QosSampling DEFAULTS = new QosSampling(DEFAULT_INTERVAL, DEFAULT_PEERS);

  public QosSampling {
    if (!interval.isZero() && (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0)) {
      throw new IllegalArgumentException("the qos sample interval must be 0 (off) or 1s to 24h, was " + interval);
    }
    if (peers < 1 || peers > MAX_PEERS) {
      throw new IllegalArgumentException("qos sample peers must be 1 to " + MAX_PEERS + ", was " + peers);
    }
  }

  public boolean on() {
    return !interval.isZero();
  }
}
