package ai.hanzo.node.runtime;

import java.util.concurrent.CompletableFuture;

/**
 * A running delivery of log lines. {@link #done()} completes when everything asked for was delivered (for a follow:
 * when the container ended and its output was drained), or exceptionally on a read error. {@link #close()} stops
 * delivery and releases the open files at once; it is idempotent.
 */
public interface LogSubscription extends AutoCloseable {
  CompletableFuture<Void> done();

  @Override
  void close();
}
