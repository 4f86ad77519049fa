package ai.hanzo.node.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where the gRPC and HTTP servers listen, how long shutdown waits for in-flight calls, whether they may listen
 * beyond loopback without IAM, their TLS, the extra names ({@code Host} values) the HTTP server answers to
 * besides loopback and its own address, and how many streams callers may hold open.
 */
public record ApiConfig(HostPort grpcAddr, HostPort httpAddr, Duration shutdownGrace, boolean insecureAllowRemote,
    TlsConfig tls, List<String> httpAllowedHosts, StreamLimits streamLimits) {
  public ApiConfig {
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(streamLimits, "streamLimits");
    httpAllowedHosts = List.copyOf(httpAllowedHosts);
  }

  /** With the default stream limits. */
  public ApiConfig(HostPort grpcAddr, HostPort httpAddr, Duration shutdownGrace, boolean insecureAllowRemote,
      TlsConfig tls, List<String> httpAllowedHosts) {
    this(grpcAddr, httpAddr, shutdownGrace, insecureAllowRemote, tls, httpAllowedHosts, StreamLimits.DEFAULT);
  }

  /** Only loopback names and the listen address as HTTP {@code Host}. */
  public ApiConfig(HostPort grpcAddr, HostPort httpAddr, Duration shutdownGrace, boolean insecureAllowRemote,
      TlsConfig tls, StreamLimits streamLimits) {
    this(grpcAddr, httpAddr, shutdownGrace, insecureAllowRemote, tls, List.of(), streamLimits);
  }

  /** Defaults for both. */
  public ApiConfig(HostPort grpcAddr, HostPort httpAddr, Duration shutdownGrace, boolean insecureAllowRemote,
      TlsConfig tls) {
    this(grpcAddr, httpAddr, shutdownGrace, insecureAllowRemote, tls, List.of(), StreamLimits.DEFAULT);
  }

  /** Plain text, loopback only without IAM. */
  public ApiConfig(HostPort grpcAddr, HostPort httpAddr, Duration shutdownGrace) {
    this(grpcAddr, httpAddr, shutdownGrace, false, TlsConfig.NONE);
  }
}
