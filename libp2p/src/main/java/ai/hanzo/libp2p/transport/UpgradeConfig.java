package ai.hanzo.libp2p.transport;

import ai.hanzo.libp2p.mux.StreamMuxerFactory;
import ai.hanzo.libp2p.noise.NoiseConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * How raw TCP connections become secure multiplexed ones.
 *
 * @param noise our identity and Noise settings (no early muxers: the muxer is negotiated with
 *     multistream-select after Noise, as js-libp2p expects when none are offered)
 * @param muxer the stream muxer to negotiate and install
 * @param upgradeTimeout the whole upgrade (security and muxer negotiation) must finish within it
 * @param streamNegotiationTimeout how long each new stream may take to agree on its protocol
 */
public record UpgradeConfig(
    NoiseConfig noise, StreamMuxerFactory muxer, Duration upgradeTimeout,
    Duration streamNegotiationTimeout) {
  public static final Duration DEFAULT_UPGRADE_TIMEOUT = Duration.ofSeconds(10);

  public UpgradeConfig {
    Objects.requireNonNull(noise, "noise");
    Objects.requireNonNull(muxer, "muxer");
    requirePositive(upgradeTimeout, "upgradeTimeout");
    requirePositive(streamNegotiationTimeout, "streamNegotiationTimeout");
  }

  private static void requirePositive(Duration d, String name) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }
}
