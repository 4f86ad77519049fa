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

  /**
   * Resizes the command's terminal; the command gets SIGWINCH as on a local terminal. Blocking (it may run a host
   * command or call the engine): call it off the event loop. A session without a tty refuses (INVALID_SPEC).
   */
  default void resize(TerminalSize size) {
    throw ContainerRuntimeException.invalidSpec("this exec has no terminal (tty) to resize");
  }

  @Override
  void close();
}
