package ai.hanzo.node.inference.upstream;

import ai.hanzo.node.inference.LoadedModel;
import ai.hanzo.node.inference.ModelUse;
import ai.hanzo.node.models.UpstreamTarget;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Connects models of kind {@code openai-upstream} to their servers. HTTP/1.1 clients (so closing an answer's body
 * closes its connection and the upstream sees the client go away), one per connect timeout the models ask for (the
 * JDK sets that timeout per client); each request reads its answer on a thread of this engine's pool, never on the
 * caller's (an event loop) and never on the client's. A model's own timeouts, in-flight limit and context length come
 * from its target's tuning, the engine's limits where it sets none.
 */
public final class UpstreamEngine implements AutoCloseable {
  private final ExecutorService readers;
  private final ScheduledExecutorService watchdog;
  private final UpstreamLimits limits;
  private final Function<String, String> env;
  private final Map<Duration, HttpClient> clients = new ConcurrentHashMap<>();

  /** @param env the node's environment, where an API key named by its variable is read */
  public UpstreamEngine(UpstreamLimits limits, Function<String, String> env) {
    this.limits = limits;
    this.env = env;
    AtomicInteger n = new AtomicInteger();
    this.readers = Executors.newCachedThreadPool(r -> daemon(r, "upstream-" + n.incrementAndGet()));
    this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "upstream-watchdog"));
  }

  public String name() {
    return "openai-upstream";
  }

  /**
   * The model {@code name} served by {@code target}. Its API key is read now (a missing one fails the load with a
   * clear message); the upstream is asked for the model's context length in the background, unless the target
   * sets one; nothing else is sent until its first request.
   */
  public LoadedModel connect(String name, UpstreamTarget target, ModelUse use) {
    UpstreamLimits own = limits.with(target.tuning());
    HttpClient http = clients.computeIfAbsent(own.connect(), timeout -> HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
        .executor(readers).build());
    ApiKeySource key = new ApiKeySource(name, target, env);
    ContextProbe context = new ContextProbe(target);
    if (target.tuning().contextLength() == 0) {
      context.ask(http, watchdog, key, own.firstAnswer().compareTo(ContextProbe.MAX_WAIT) < 0 ? own.firstAnswer()
          : ContextProbe.MAX_WAIT);
    }
    return new UpstreamModel(name, target, key, context, new UpstreamCalls(http, readers, watchdog, own, name,
        target, context::length));
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
