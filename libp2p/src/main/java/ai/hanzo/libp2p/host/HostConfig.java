package ai.hanzo.libp2p.host;

import ai.hanzo.libp2p.crypto.PrivateKey;
import ai.hanzo.libp2p.noise.NoiseFrameEncoder;
import ai.hanzo.libp2p.yamux.YamuxConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a {@link Host} is built from.
 *
 * @param identity our key; the PeerId derives from it
 * @param agentVersion what Identify tells peers we run, e.g. {@code hanzo-node/1.2.3}
 * @param ioThreads event-loop threads (0: Netty's default)
 * @param connectTimeout TCP connect
 * @param upgradeTimeout security plus muxer negotiation of a new connection
 * @param streamNegotiationTimeout protocol negotiation of each stream
 * @param pingInterval keep-alive ping on every connection ({@link Duration#ZERO}: off); a failed
 *     ping closes the connection
 * @param serveDiagnostics whether to serve {@code /echo/1.0.0} and {@code /perf/1.0.0} (only for
 *     trusted networks: perf sends as much as asked)
 */
public record HostConfig(
    PrivateKey identity, String agentVersion, int ioThreads, Duration connectTimeout,
    Duration upgradeTimeout, Duration streamNegotiationTimeout, Duration pingInterval,
    ConnectionLimits limits, YamuxConfig yamux, boolean serveDiagnostics) {
  private static final int YAMUX_HEADER = 12;

  public HostConfig {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(agentVersion, "agentVersion");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(yamux, "yamux");
    if (pingInterval.isNegative()) {
      throw new IllegalArgumentException("pingInterval must not be negative: " + pingInterval);
    }
  }

  /** Library defaults: 10 s timeouts, a ping every 15 s, echo and perf served. */
  public static HostConfig defaults(PrivateKey identity) {
    return new HostConfig(identity, "hanzo-libp2p", 0, Duration.ofSeconds(10),
        Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(15),
        ConnectionLimits.defaults(), yamuxOverNoise(), true);
  }

  /**
   * Yamux defaults with data frames that fit one Noise frame with their 12-byte header: a 64 KiB
   * payload would spill a few bytes into a second Noise frame and double the cipher calls.
   */
  public static YamuxConfig yamuxOverNoise() {
    YamuxConfig d = YamuxConfig.defaults();
    return new YamuxConfig(d.maxWindow(), d.maxInboundStreams(), d.maxOutboundStreams(),
        d.maxFrameLength(), d.maxConnectionBufferedBytes(),
        NoiseFrameEncoder.MAX_PLAINTEXT - YAMUX_HEADER, d.writeHighWaterMark(),
        d.keepAliveInterval());
  }

  public HostConfig withAgentVersion(String agent) {
    return new HostConfig(identity, agent, ioThreads, connectTimeout, upgradeTimeout,
        streamNegotiationTimeout, pingInterval, limits, yamux, serveDiagnostics);
  }

  public HostConfig withPingInterval(Duration interval) {
    return new HostConfig(identity, agentVersion, ioThreads, connectTimeout, upgradeTimeout,
        streamNegotiationTimeout, interval, limits, yamux, serveDiagnostics);
  }

  public HostConfig withLimits(ConnectionLimits connectionLimits) {
    return new HostConfig(identity, agentVersion, ioThreads, connectTimeout, upgradeTimeout,
        streamNegotiationTimeout, pingInterval, connectionLimits, yamux, serveDiagnostics);
  }

  public HostConfig withTimeouts(Duration connect, Duration upgrade, Duration streamNegotiation) {
    return new HostConfig(identity, agentVersion, ioThreads, connect, upgrade,
        streamNegotiation, pingInterval, limits, yamux, serveDiagnostics);
  }

  public HostConfig withIoThreads(int threads) {
    return new HostConfig(identity, agentVersion, threads, connectTimeout, upgradeTimeout,
        streamNegotiationTimeout, pingInterval, limits, yamux, serveDiagnostics);
  }

  public HostConfig withYamux(YamuxConfig config) {
    return new HostConfig(identity, agentVersion, ioThreads, connectTimeout, upgradeTimeout,
        streamNegotiationTimeout, pingInterval, limits, config, serveDiagnostics);
  }
}
