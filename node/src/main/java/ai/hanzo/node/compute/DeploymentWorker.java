package ai.hanzo.node.compute;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a deployment's containers are changed, like a kubelet pod worker: passes over one deployment run
 * here one at a time (on a shared bounded pool), so they never overlap for it, while other deployments' workers run
 * in parallel and a pass that hangs or fails holds up no one else.
 *
 * <p>Every change of the deployment's desired state calls {@link #preempt()}: the pass in progress notices at its
 * next container action ({@link Wanted#check()} throws {@link Preempted}) and a new pass starts from the stored
 * state. So stop and remove win within one container action, whatever the worker was doing, and the caller never
 * waits for the worker. What a pass needs besides the stored state (stop forcefully, delete the volumes after a
 * remove, start what the node stopped, restart an unhealthy replica) is handed over as intents.
 */
final class DeploymentWorker {
  private static final Logger log = LoggerFactory.getLogger(DeploymentWorker.class);

  /** One pass over the deployment; it calls {@code wanted.check()} before each container action. */
  @FunctionalInterface
  interface Pass {
    void run(DeploymentWorker worker, Wanted wanted);
  }

  /** Whether the pass that holds it still works on the current desired state. */
  @FunctionalInterface
  interface Wanted {
    /** Throws {@link Preempted} once the desired state changed after the pass began. */
    void check();
  }

  /** Unwinds a pass whose desired state changed under it; the worker then starts the next pass. */
  static final class Preempted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Preempted() {
      super("preempted by a newer desired state", null, false, false);
    }
  }

  private final String deploymentId;
  private final Executor pool;
  private final Pass pass;
  private final AtomicLong generation = new AtomicLong();
  private final AtomicBoolean pending = new AtomicBoolean();
  private final AtomicBoolean active = new AtomicBoolean();
  private final Object passesLock = new Object();
  private CompletableFuture<Void> nextPass = new CompletableFuture<>();

  // Intents: read and cleared by passes.
  volatile boolean forceStop;
  volatile boolean removeVolumes;
  volatile boolean removing;
  volatile boolean startExited;
  volatile Instant stopDeadline;
  final Map<ReplicaName, String> unhealthy = new ConcurrentHashMap<>();

  DeploymentWorker(String deploymentId, Executor pool, Pass pass) {
    this.deploymentId = deploymentId;
    this.pool = pool;
    this.pass = pass;
  }

  String deploymentId() {
    return deploymentId;
  }

  /** Asks for a pass; returns a future that completes when a pass that began after this call has ended. */
  CompletableFuture<Void> trigger() {
    CompletableFuture<Void> done;
    synchronized (passesLock) {
      done = nextPass;
    }
    pending.set(true);
    schedule();
    return done;
  }

  /** The desired state changed: the pass in progress gives up at its next container action, and a new one runs. */
  CompletableFuture<Void> preempt() {
    generation.incrementAndGet();
    return trigger();
  }

  /** Whether no pass runs or waits. */
  boolean idle() {
    return !active.get() && !pending.get();
  }

  private void schedule() {
    if (active.compareAndSet(false, true)) {
      try {
        pool.execute(this::runPending);
      } catch (RejectedExecutionException e) {
        active.set(false); // shutting down
      }
    }
  }

  private void runPending() {
    try {
      while (pending.getAndSet(false)) {
        CompletableFuture<Void> finished;
        synchronized (passesLock) {
          finished = nextPass;
          nextPass = new CompletableFuture<>();
        }
        long startedAt = generation.get();
        try {
          pass.run(this, () -> {
            if (generation.get() != startedAt) {
              throw new Preempted();
            }
          });
        } catch (Preempted e) {
          pending.set(true);
        } catch (RuntimeException | Error e) {
          // One deployment's failure stays its own: the next trigger or periodic pass tries again.
          log.warn("Reconciling deployment {} failed: {}", deploymentId, e.toString());
        } finally {
          finished.complete(null);
        }
      }
    } finally {
      active.set(false);
      if (pending.get()) {
        schedule(); // a trigger that came after the loop's last look
      }
    }
  }
}
