package ai.hanzo.node.cli;

import ai.hanzo.node.config.ApiConfig;
import ai.hanzo.node.config.ConfigSources;
import ai.hanzo.node.config.HostPort;
import ai.hanzo.node.config.Parsers;
import ai.hanzo.node.config.Setting;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** Listen addresses of the gRPC and HTTP servers. */
public final class ApiOptions {
  static final Setting<HostPort> GRPC_ADDR =
      new Setting<>("--grpc-addr", "HANZO_GRPC_ADDR", "127.0.0.1:50051", HostPort.EXPECTED, HostPort::parse);
  static final Setting<HostPort> HTTP_ADDR =
      new Setting<>("--http-addr", "HANZO_HTTP_ADDR", "127.0.0.1:8080", HostPort.EXPECTED, HostPort::parse);
  static final Setting<Duration> SHUTDOWN_GRACE = new Setting<>("--shutdown-grace", "HANZO_SHUTDOWN_GRACE", "10s",
      "a duration such as 10s or 1m", Parsers::duration);

  static final Setting<Boolean> INSECURE_ALLOW_REMOTE = new Setting<>("--insecure-allow-remote",
      "HANZO_INSECURE_ALLOW_REMOTE", "false", "true or false", Parsers::bool);

  static final List<Setting<?>> ALL = List.of(GRPC_ADDR, HTTP_ADDR, SHUTDOWN_GRACE, INSECURE_ALLOW_REMOTE);

  @Option(names = "--grpc-addr", paramLabel = "HOST:PORT",
      description = "gRPC listen address; port 0 picks a free port (env HANZO_GRPC_ADDR, default 127.0.0.1:50051).")
  String grpcAddr;

  @Option(names = "--http-addr", paramLabel = "HOST:PORT",
      description = "HTTP/JSON, WebSocket and probe listen address (env HANZO_HTTP_ADDR, default 127.0.0.1:8080).")
  String httpAddr;

  @Option(names = "--shutdown-grace", paramLabel = "DURATION",
      description = "How long shutdown waits for in-flight calls (env HANZO_SHUTDOWN_GRACE, default 10s).")
  String shutdownGrace;

  @Option(names = "--insecure-allow-remote", paramLabel = "BOOL", arity = "0..1", fallbackValue = "true",
      description = "With IAM disabled, still listen on non-loopback addresses: anyone who can reach the node "
          + "controls it (env HANZO_INSECURE_ALLOW_REMOTE, default false).")
  String insecureAllowRemote;

  boolean insecureAllowRemote(ConfigSources sources) {
    return sources.resolve(INSECURE_ALLOW_REMOTE, insecureAllowRemote);
  }

  ApiConfig toConfig(ConfigSources sources) {
    return new ApiConfig(sources.resolve(GRPC_ADDR, grpcAddr), sources.resolve(HTTP_ADDR, httpAddr),
        sources.resolve(SHUTDOWN_GRACE, shutdownGrace));
  }
}
