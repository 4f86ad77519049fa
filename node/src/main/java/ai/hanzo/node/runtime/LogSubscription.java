package ai.hanzo.node.runtime;

import java.util.concurrent.CompletableFuture;

/**
 * A running delivery of log lines. {@link #done()} completes when everything asked for was delivered (for a follow:
 * when the container ended and its output was drained), or exceptionally on a read error. {@link #close()} stops
 * delivery and releases the open files at once; it is idempotent.
 */
public interface LogSubscription extends AutoCloseable {
  CompletableFuture<Void> done();

  /**
   * The consumer wants lines again after it said it did not: a subscription that stopped reading for it should read
   * now rather than at its next poll (which would cap a fast follower at one consumer's worth of lines a poll). A
   * subscription that never stops (a remote engine's stream) ignores it.
   */
  default void wake() {}

  @Override
  void close();
}
