package ai.hanzo.node.compute;

import java.util.function.Supplier;

/**
 * Serializes changes of the desired state (deploy, stop, remove, scale, cordon, drain, uncordon), so admission sees
 * every deployment admitted before it and a drain never misses a deployment made meanwhile. Held only for reads and
 * synced writes of the store, never for container work: that is the deployment workers' job.
 */
final class ChangeLock {
  private final Object lock = new Object();

  <T> T change(Supplier<T> change) {
    synchronized (lock) {
      return change.get();
    }
  }

  void change(Runnable change) {
    synchronized (lock) {
      change.run();
    }
  }
}
