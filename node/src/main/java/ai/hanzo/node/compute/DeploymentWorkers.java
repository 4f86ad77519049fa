package ai.hanzo.node.compute;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link DeploymentWorker} per deployment id, all running on one bounded pool of daemon threads (threads end
 * when idle). A worker whose runtime call hangs holds one pool thread; the others keep serving the other
 * deployments, so the pool is sized for a few hung runtimes, not for one thread per deployment.
 */
final class DeploymentWorkers implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DeploymentWorkers.class);

  /** Pool threads: enough that a few hung runtime calls never starve the other deployments. */
  static final int THREADS = Math.min(32, Math.max(8, 4 * Runtime.getRuntime().availableProcessors()));

  private final Map<String, DeploymentWorker> workers = new ConcurrentHashMap<>();
  private final DeploymentWorker.Pass pass;
  private final ThreadPoolExecutor pool;

  DeploymentWorkers(DeploymentWorker.Pass pass) {
    this.pass = pass;
    AtomicInteger n = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, "deployment-worker-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    pool.allowCoreThreadTimeOut(true);
  }

  /** The worker of {@code deploymentId}, made on first use. */
  DeploymentWorker of(String deploymentId) {
    return workers.computeIfAbsent(deploymentId, id -> new DeploymentWorker(id, pool, pass));
  }

  Collection<DeploymentWorker> all() {
    return List.copyOf(workers.values());
  }

  /** Forgets the idle workers of deployments that are neither wanted nor have containers any more. */
  void retireIdleExcept(java.util.Set<String> keep) {
    workers.values().removeIf(w -> !keep.contains(w.deploymentId()) && w.idle());
  }

  @Override
  public void close() {
    pool.shutdownNow();
    try {
      if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
        log.warn("Deployment workers did not end within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
