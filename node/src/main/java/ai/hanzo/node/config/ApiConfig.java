package ai.hanzo.node.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where the gRPC and HTTP servers listen, how long shutdown waits for in-flight calls, whether they may listen
 * beyond loopback without IAM, their TLS, and the extra names ({@code Host} values) the HTTP server answers to
 * besides loopback and its own address.
 */
public record ApiConfig(HostPort grpcAddr, HostPort httpAddr, Duration shutdownGrace, boolean insecureAllowRemote,
    TlsConfig tls, List<String> httpAllowedHosts) {
  public ApiConfig {
    Objects.requireNonNull(tls, "tls");
    httpAllowedHosts = List.copyOf(httpAllowedHosts);
  }

  /** Only loopback names and the listen address as HTTP {@code Host}. */
  public ApiConfig(HostPort grpcAddr, HostPort httpAddr, Duration shutdownGrace, boolean insecureAllowRemote,
      TlsConfig tls) {
    this(grpcAddr, httpAddr, shutdownGrace, insecureAllowRemote, tls, List.of());
  }

  /** Plain text, loopback only without IAM. */
  public ApiConfig(HostPort grpcAddr, HostPort httpAddr, Duration shutdownGrace) {
    this(grpcAddr, httpAddr, shutdownGrace, false, TlsConfig.NONE);
  }
}
