package ai.hanzo.node.p2p.placement;

/**
 * A message of the caller after the start on {@code /hanzo/deploy-exec/1.0.0}: a piece of stdin or a new terminal
 * size. The p2p layer keeps its own small type (rather than the runtime's or the API's) because the layering keeps
 * it from seeing either; the codec checks the bounds before one is made.
 */
public sealed interface ExecInputFrame {
  /** At most {@link DeployLimits#EXEC_STDIN_PIECE} bytes of the command's input. */
  record Stdin(byte[] data) implements ExecInputFrame {
    public Stdin {
      data = data.clone();
    }

    @Override
    public byte[] data() {
      return data.clone();
    }
  }

  /** The command's terminal is now {@code rows} x {@code cols}, each 1..{@link DeployLimits#MAX_TERMINAL_CELLS}. */
  record Resize(int rows, int cols) implements ExecInputFrame {
    public Resize {
      if (rows < 1 || rows > DeployLimits.MAX_TERMINAL_CELLS || cols < 1 || cols > DeployLimits.MAX_TERMINAL_CELLS) {
        throw new IllegalArgumentException("terminal size " + rows + "x" + cols + " is out of range 1.."
            + DeployLimits.MAX_TERMINAL_CELLS);
      }
    }
  }
}
