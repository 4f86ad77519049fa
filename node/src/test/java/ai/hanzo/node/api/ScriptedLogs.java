package ai.hanzo.node.api;

import ai.hanzo.node.compute.DeploymentService;
import ai.hanzo.node.compute.DeploymentSummary;
import ai.hanzo.node.compute.StreamSink;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test double of the compute port that only produces logs: {@code lines} numbered lines, then (with follow) a
 * new line whenever the sink is ready, on its own thread, until closed. Counts open producers so tests can prove
 * that cancellation released them.
 */
final class ScriptedLogs implements DeploymentService {
  final AtomicInteger openProducers = new AtomicInteger();
  /** Producers currently paused because the transport said it was not ready. */
  final AtomicInteger paused = new AtomicInteger();
  private final int lines;

  ScriptedLogs(int lines) {
    this.lines = lines;
  }

  @Override
  public AutoCloseable logs(ai.hanzo.node.compute.Tenant tenant, LogQuery query, StreamSink<LogLine> sink) {
    openProducers.incrementAndGet();
    Object lock = new Object();
    Thread producer = new Thread(() -> {
      try {
        for (int i = 0; query.follow() || i < Math.min(lines, query.tail() == 0 ? lines : query.tail()); i++) {
          synchronized (lock) {
            while (!sink.isReady()) {
              sink.whenReady(() -> {
                synchronized (lock) {
                  lock.notifyAll();
                }
              });
              paused.incrementAndGet();
              try {
                lock.wait(1000);
              } finally {
                paused.decrementAndGet();
              }
            }
          }
          sink.next(new LogLine(1_700_000_000L + i, "web", "c-1", "stdout", query.deploymentId() + " line " + i));
        }
        sink.complete();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        openProducers.decrementAndGet();
      }
    }, "scripted-logs");
    producer.start();
    return () -> {
      producer.interrupt();
      producer.join(10_000);
    };
  }

  @Override
  public DeployResult deploy(ai.hanzo.node.compute.Tenant tenant,
      ai.hanzo.node.compute.DeploymentRequest request) {
    throw new UnsupportedOperationException("logs only");
  }

  @Override
  public void stop(ai.hanzo.node.compute.Tenant tenant, String deploymentId, boolean force) {
    throw new UnsupportedOperationException("logs only");
  }

  @Override
  public void remove(ai.hanzo.node.compute.Tenant tenant, String deploymentId, boolean removeVolumes) {
    throw new UnsupportedOperationException("logs only");
  }

  @Override
  public ScaleResult scale(ai.hanzo.node.compute.Tenant tenant, String deploymentId, String serviceName, int replicas) {
    throw new UnsupportedOperationException("logs only");
  }

  @Override
  public List<DeploymentSummary> list(ai.hanzo.node.compute.Tenant tenant) {
    return List.of();
  }

  @Override
  public List<DeploymentSummary> statusSnapshot(ai.hanzo.node.compute.Tenant tenant) {
    return List.of();
  }

  @Override
  public Optional<DeploymentSummary> get(ai.hanzo.node.compute.Tenant tenant, String deploymentId) {
    return Optional.empty();
  }
}
