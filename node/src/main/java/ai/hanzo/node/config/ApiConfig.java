package ai.hanzo.node.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the gRPC and HTTP servers listen, how long shutdown waits for in-flight calls, whether they may listen
 * beyond loopback without IAM, and their TLS.
 */
public record ApiConfig(HostPort grpcAddr, HostPort httpAddr, Duration shutdownGrace, boolean insecureAllowRemote,
    TlsConfig tls) {
  public ApiConfig {
    Objects.requireNonNull(tls, "tls");
  }

  /** Plain text, loopback only without IAM. */
  public ApiConfig(HostPort grpcAddr, HostPort httpAddr, Duration shutdownGrace) {
    this(grpcAddr, httpAddr, shutdownGrace, false, TlsConfig.NONE);
  }
}
