package ai.hanzo.node.api.endpoint;

import ai.hanzo.node.api.v1.ExecInput;
import ai.hanzo.node.api.v1.TerminalSize;
import ai.hanzo.node.error.NodeException;

/**
 * The checks every transport's exec makes of {@code ExecInput.resize} before anything runs, so a bad size is an
 * INVALID_ARGUMENT naming the field whether the command runs here or on the node this node placed it on. The bound
 * is the runtime's (and the p2p codec's) too; the layering keeps this package from sharing their constant.
 */
final class TerminalSizes {
  static final long MAX = 10_000;

  private TerminalSizes() {}

  /** The first message: a size only together with tty. */
  static void checkFirst(ExecInput first) {
    if (first.hasResize()) {
      if (!first.getTty()) {
        throw NodeException.invalidField("resize", "needs tty: a command without a terminal has no size");
      }
      check(first.getResize());
    }
  }

  static void check(TerminalSize size) {
    // uint32: read unsigned, so 4294967295 is too large rather than -1
    long rows = Integer.toUnsignedLong(size.getRows());
    long cols = Integer.toUnsignedLong(size.getCols());
    if (rows < 1 || rows > MAX || cols < 1 || cols > MAX) {
      throw NodeException.invalidField("resize", "is " + rows + "x" + cols + "; rows and cols must be 1.." + MAX);
    }
  }
}
