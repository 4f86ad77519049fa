package ai.hanzo.node.runtime;

import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;

/**
 * A command running inside a container. Write to {@link #stdin()} and close it to send end-of-file;
 * {@link #exitCode()} completes after all output was delivered. {@link #close()} kills the command if it still
 * runs and releases its pipes.
 */
public interface ExecSession extends AutoCloseable {
  OutputStream stdin();

  CompletableFuture<Integer> exitCode();

  /**
   * The output {@linkplain ExecOutput#wantsMore() wants more} again: a reader that paused reads again soon. Cheap
   * and non-blocking, so a transport thread may call it.
   */
  default void resume() {}

  @Override
  void close();
}
