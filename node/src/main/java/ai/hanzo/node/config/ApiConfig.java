package ai.hanzo.node.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the gRPC and HTTP servers listen, how long shutdown waits for in-flight calls, whether they may listen
 * beyond loopback without IAM, their TLS, and how many streams callers may hold open.
 */
public record ApiConfig(HostPort grpcAddr, HostPort httpAddr, Duration shutdownGrace, boolean insecureAllowRemote,
    TlsConfig tls, StreamLimits streamLimits) {
  public ApiConfig {
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(streamLimits, "streamLimits");
  }

  /** With the default stream limits. */
  public ApiConfig(HostPort grpcAddr, HostPort httpAddr, Duration shutdownGrace, boolean insecureAllowRemote,
      TlsConfig tls) {
    this(grpcAddr, httpAddr, shutdownGrace, insecureAllowRemote, tls, StreamLimits.DEFAULT);
  }

  /** Plain text, loopback only without IAM. */
  public ApiConfig(HostPort grpcAddr, HostPort httpAddr, Duration shutdownGrace) {
    this(grpcAddr, httpAddr, shutdownGrace, false, TlsConfig.NONE);
  }
}
