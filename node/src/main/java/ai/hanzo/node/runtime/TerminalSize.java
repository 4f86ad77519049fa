package ai.hanzo.node.runtime;

/**
 * The size of an exec's terminal in character cells, as the runtimes apply it. The API layer has its own check of
 * the same bounds ({@code api.endpoint.TerminalSizes}) because the layering keeps it from seeing this package; this
 * record is what compute hands down, so a runtime never sees a size nobody checked.
 */
public record TerminalSize(int rows, int cols) {
  /** Far beyond any screen, and small enough that {@code stty} and the Docker API take it. */
  public static final int MAX = 10_000;
  /** What a terminal starts at when the client gave no size. */
  public static final TerminalSize DEFAULT = new TerminalSize(24, 80);

  public TerminalSize {
    if (rows < 1 || rows > MAX || cols < 1 || cols > MAX) {
      throw ContainerRuntimeException.invalidSpec("terminal size " + rows + "x" + cols + " is out of range: rows and"
          + " cols must be 1.." + MAX);
    }
  }
}
