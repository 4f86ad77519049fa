package ai.hanzo.node.cli;

import ai.hanzo.node.config.ApiConfig;
import ai.hanzo.node.config.ConfigSources;
import ai.hanzo.node.config.HostPort;
import ai.hanzo.node.config.Parsers;
import ai.hanzo.node.config.Setting;
import ai.hanzo.node.config.StreamLimits;
import ai.hanzo.node.config.TlsConfig;
import java.nio.file.Path;
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

  static final Setting<Path> TLS_CERT = new Setting<>("--tls-cert", "HANZO_TLS_CERT", "",
      "a PEM certificate chain file", ApiOptions::optionalPath);
  static final Setting<Path> TLS_KEY = new Setting<>("--tls-key", "HANZO_TLS_KEY", "",
      "a PEM private key file (PKCS#8, PKCS#1 RSA or EC)", ApiOptions::optionalPath);
  static final Setting<Path> TLS_CLIENT_CA = new Setting<>("--tls-client-ca", "HANZO_TLS_CLIENT_CA", "",
      "a PEM file of CA certificates", ApiOptions::optionalPath);

  static final Setting<String> HTTP_ALLOWED_HOSTS = new Setting<>("--http-allowed-hosts",
      "HANZO_HTTP_ALLOWED_HOSTS", "", "a host name or IP address without port, such as node1.example.com",
      Parsers::hostName);
  static final Setting<Integer> MAX_STREAMS_PER_CALLER = new Setting<>("--max-streams-per-caller",
      "HANZO_MAX_STREAMS_PER_CALLER", Integer.toString(StreamLimits.DEFAULT_PER_CALLER),
      "a number of streams from 1 to 1000000", Parsers::streamLimit);
  static final Setting<Integer> MAX_STREAMS = new Setting<>("--max-streams", "HANZO_MAX_STREAMS",
      Integer.toString(StreamLimits.DEFAULT_PER_NODE), "a number of streams from 1 to 1000000",
      Parsers::streamLimit);

  static final List<Setting<?>> ALL = List.of(GRPC_ADDR, HTTP_ADDR, SHUTDOWN_GRACE, INSECURE_ALLOW_REMOTE,
      TLS_CERT, TLS_KEY, TLS_CLIENT_CA, HTTP_ALLOWED_HOSTS, MAX_STREAMS_PER_CALLER, MAX_STREAMS);

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

  @Option(names = "--http-allowed-hosts", paramLabel = "HOST", split = ",",
      description = "More names or addresses the HTTP server answers to as Host, besides loopback and its listen "
          + "address (DNS-rebinding guard); comma-separated or repeatable (env HANZO_HTTP_ALLOWED_HOSTS, "
          + "default none).")
  List<String> httpAllowedHosts;

  @Option(names = "--tls-cert", paramLabel = "FILE",
      description = "PEM certificate chain: serve gRPC (h2) and HTTP over TLS (env HANZO_TLS_CERT).")
  String tlsCert;

  @Option(names = "--tls-key", paramLabel = "FILE",
      description = "PEM private key of --tls-cert, PKCS#8, PKCS#1 RSA or EC, unencrypted (env HANZO_TLS_KEY).")
  String tlsKey;

  @Option(names = "--tls-client-ca", paramLabel = "FILE",
      description = "PEM CA certificates: clients may present a certificate, which must verify against them; its "
          + "SAN URI (else CN) maps to roles through bindings cert:<identity> (env HANZO_TLS_CLIENT_CA).")
  String tlsClientCa;

  @Option(names = "--max-streams-per-caller", paramLabel = "N",
      description = "Streams (log follows, metrics, events, exec) one caller may hold open; more are refused with "
          + "RESOURCE_EXHAUSTED / HTTP 429 (env HANZO_MAX_STREAMS_PER_CALLER, default 64).")
  String maxStreamsPerCaller;

  @Option(names = "--max-streams", paramLabel = "N",
      description = "Streams all callers together may hold open on this node (env HANZO_MAX_STREAMS, default 4096).")
  String maxStreams;

  ApiConfig toConfig(ConfigSources sources) {
    return new ApiConfig(sources.resolve(GRPC_ADDR, grpcAddr), sources.resolve(HTTP_ADDR, httpAddr),
        sources.resolve(SHUTDOWN_GRACE, shutdownGrace), sources.resolve(INSECURE_ALLOW_REMOTE, insecureAllowRemote),
        new TlsConfig(sources.resolve(TLS_CERT, tlsCert), sources.resolve(TLS_KEY, tlsKey),
            sources.resolve(TLS_CLIENT_CA, tlsClientCa)), sources.resolveList(HTTP_ALLOWED_HOSTS, httpAllowedHosts),
        new StreamLimits(sources.resolve(MAX_STREAMS_PER_CALLER, maxStreamsPerCaller),
            sources.resolve(MAX_STREAMS, maxStreams)));
  }

  private static Path optionalPath(String s) {
    return s.isBlank() ? null : Path.of(s.trim());
  }
}
