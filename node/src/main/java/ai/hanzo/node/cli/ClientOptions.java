package ai.hanzo.node.cli;

import ai.hanzo.node.app.LocalNode;
import ai.hanzo.node.client.ClientSettings;
import ai.hanzo.node.client.NodeClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * Options of the client subcommands. Declared on the top command and on each client subcommand so they may come
 * before or after the subcommand name; a value given after it wins.
 */
public final class ClientOptions {
  static final String DEFAULT_ENDPOINT = "127.0.0.1:50051";

  @Option(names = "--endpoint", paramLabel = "HOST:PORT",
      description = "The node's gRPC address, or an https:// URL for a TLS node (env HANZO_ENDPOINT, default "
          + DEFAULT_ENDPOINT + ").")
  String endpoint;

  @Option(names = "--token", paramLabel = "JWT", description = "Bearer token (env HANZO_TOKEN).")
  String token;

  @Option(names = "--api-key", paramLabel = "KEY", description = "API key, hzk_... (env HANZO_API_KEY).")
  String apiKey;

  @Option(names = "--tls-ca", paramLabel = "FILE",
      description = "PEM CA certificates the node's TLS certificate must chain to; implies https (env HANZO_TLS_CA).")
  String tlsCa;

  @Option(names = "--tls-cert", paramLabel = "FILE",
      description = "PEM client certificate for a node that verifies clients (env HANZO_CLIENT_TLS_CERT).")
  String tlsCert;

  @Option(names = "--tls-key", paramLabel = "FILE",
      description = "PEM private key of --tls-cert (env HANZO_CLIENT_TLS_KEY).")
  String tlsKey;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
      description = "table, json or yaml (default table).", converter = OutputFormatConverter.class)
  OutputFormat output;

  /** This command's values, falling back to the parent's, then the environment, then defaults. */
  /**
   * Whether an endpoint was given, here, on the parent command or as HANZO_ENDPOINT: commands that can also work on
   * a stopped node's data directory ({@code images}, {@code models}) then use the node's API.
   */
  boolean endpointGiven(ClientOptions parent, Map<String, String> env) {
    return endpoint != null || parent.endpoint != null || env.containsKey("HANZO_ENDPOINT");
  }

  /**
   * The one dispatch of the commands that work through the running node or on a stopped node's data directory
   * ({@code images}, {@code models}): the node's API when an endpoint is given or {@code nodeRunsOn} the data
   * directory (its lock is held; its gRPC port is read from the ports file it wrote there), else {@code offline}
   * on the directory, whose lock then keeps a node from starting.
   */
  <T> T nodeOrOffline(ClientOptions parent, Map<String, String> env, Path dataDir, Predicate<Path> nodeRunsOn,
      Function<NodeClient, T> node, Supplier<T> offline) {
    if (endpointGiven(parent, env)) {
      return node.apply(new NodeClient(settings(parent, env)));
    }
    if (nodeRunsOn.test(dataDir)) {
      ClientOptions found = new ClientOptions();
      found.endpoint = LocalNode.grpcEndpoint(dataDir).orElse(null);
      return node.apply(new NodeClient(orElse(found).settings(parent, env)));
    }
    return offline.get();
  }

  ClientSettings settings(ClientOptions parent, Map<String, String> env) {
    return new ClientSettings(
        first(endpoint, parent.endpoint, env.get("HANZO_ENDPOINT"), DEFAULT_ENDPOINT),
        first(token, parent.token, env.get("HANZO_TOKEN"), null),
        first(apiKey, parent.apiKey, env.get("HANZO_API_KEY"), null),
        Duration.ofSeconds(30),
        path(first(tlsCa, parent.tlsCa, env.get("HANZO_TLS_CA"), null)),
        path(first(tlsCert, parent.tlsCert, env.get("HANZO_CLIENT_TLS_CERT"), null)),
        path(first(tlsKey, parent.tlsKey, env.get("HANZO_CLIENT_TLS_KEY"), null)));
  }

  /** These options where given, else {@code other}'s: for a subcommand two levels down ({@code operator stake}). */
  ClientOptions orElse(ClientOptions other) {
    ClientOptions merged = new ClientOptions();
    merged.endpoint = endpoint != null ? endpoint : other.endpoint;
    merged.token = token != null ? token : other.token;
    merged.apiKey = apiKey != null ? apiKey : other.apiKey;
    merged.tlsCa = tlsCa != null ? tlsCa : other.tlsCa;
    merged.tlsCert = tlsCert != null ? tlsCert : other.tlsCert;
    merged.tlsKey = tlsKey != null ? tlsKey : other.tlsKey;
    merged.output = output != null ? output : other.output;
    return merged;
  }

  OutputFormat format(ClientOptions parent) {
    return output != null ? output : parent.output != null ? parent.output : OutputFormat.TABLE;
  }

  private static Path path(String text) {
    return text == null ? null : Path.of(text.trim());
  }

  private static String first(String a, String b, String c, String fallback) {
    for (String s : new String[] {a, b, c}) {
      if (s != null && !s.isBlank()) {
        return s;
      }
    }
    return fallback;
  }

  static final class OutputFormatConverter implements picocli.CommandLine.ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      try {
        return OutputFormat.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "'" + value + "' is not an output format; use table, json or yaml");
      }
    }
  }
}
