package ai.hanzo.node.inference.upstream;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.inference.LoadedModel;
import ai.hanzo.node.inference.ModelUse;
import ai.hanzo.node.models.UpstreamTarget;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Connects models of kind {@code openai-upstream} to their servers. One HTTP client (HTTP/1.1, so closing an answer's
 * body closes its connection and the upstream sees the client go away) for all of them; each request reads its
 * answer on a thread of this engine's pool, never on the caller's (an event loop) and never on the client's.
 */
public final class UpstreamEngine implements AutoCloseable {
  /** The longest API key read from its file or variable. */
  static final int MAX_KEY_LENGTH = 4096;

  private final HttpClient http;
  private final ExecutorService readers;
  private final ScheduledExecutorService watchdog;
  private final UpstreamLimits limits;
  private final Function<String, String> env;

  /** @param env the node's environment, where an API key named by its variable is read */
  public UpstreamEngine(UpstreamLimits limits, Function<String, String> env) {
    this.limits = limits;
    this.env = env;
    AtomicInteger n = new AtomicInteger();
    this.readers = Executors.newCachedThreadPool(r -> daemon(r, "upstream-" + n.incrementAndGet()));
    this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "upstream-watchdog"));
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(limits.connect())
        .followRedirects(HttpClient.Redirect.NEVER).executor(readers).build();
  }

  public String name() {
    return "openai-upstream";
  }

  /** The model {@code name} served by {@code target}; nothing is sent until its first request. */
  public LoadedModel connect(String name, UpstreamTarget target, ModelUse use) {
    return new UpstreamModel(name, target, apiKey(name, target), new UpstreamCalls(http, readers, watchdog,
        limits, name, target));
  }

  /** The bearer token of {@code target}, read now so a missing file fails the load with a clear message. */
  String apiKey(String name, UpstreamTarget target) {
    String key = "";
    if (!target.apiKeyFile().isEmpty()) {
      try {
        List<String> lines = Files.readAllLines(Path.of(target.apiKeyFile()), StandardCharsets.UTF_8);
        key = lines.isEmpty() ? "" : lines.get(0).strip();
      } catch (IOException | RuntimeException e) {
        throw unavailable(name, "its API key file " + target.apiKeyFile() + " cannot be read ("
            + e.getClass().getSimpleName() + ")");
      }
      if (key.isEmpty()) {
        throw unavailable(name, "its API key file " + target.apiKeyFile() + " is empty");
      }
    } else if (!target.apiKeyEnv().isEmpty()) {
      String value = env.apply(target.apiKeyEnv());
      key = value == null ? "" : value.strip();
      if (key.isEmpty()) {
        throw unavailable(name, "the environment variable " + target.apiKeyEnv() + " that holds its API key is"
            + " not set for the node");
      }
    }
    if (key.length() > MAX_KEY_LENGTH || key.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
      throw unavailable(name, "its API key is not a token of at most " + MAX_KEY_LENGTH
          + " printable ASCII characters");
    }
    return key;
  }

  private static NodeException unavailable(String name, String why) {
    return new NodeException(ErrorCode.UNAVAILABLE, "model '" + name + "' cannot be served: " + why,
        Map.of("model", name));
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  @Override
  public void close() {
    readers.shutdownNow();
    watchdog.shutdownNow();
  }
}
