package ai.hanzo.node.client;

import java.util.Optional;

/**
 * The caller's own terminal, for an exec with a tty: its size goes with the first message and again whenever it
 * changes. {@link #NONE} when there is no terminal to follow (output piped, a platform without SIGWINCH).
 */
public interface ExecTerminal {
  ExecTerminal NONE = new ExecTerminal() {
    @Override
    public Optional<Size> size() {
      return Optional.empty();
    }

    @Override
    public void onResize(Runnable listener) {}
  };

  /** The size now; empty when it cannot be read. */
  Optional<Size> size();

  /** {@code listener} runs (on any thread) after each change of size. */
  void onResize(Runnable listener);

  /** Rows and columns in character cells. */
  record Size(int rows, int cols) {}
}
