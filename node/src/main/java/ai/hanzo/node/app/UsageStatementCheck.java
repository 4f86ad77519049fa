package ai.hanzo.node.app;

import ai.hanzo.node.usage.UsageStatement;

/** {@code hanzo-node usage verify}: checks a signed usage statement offline, on any machine, without a node. */
public final class UsageStatementCheck {
  /** The largest file a statement may be. */
  public static final int MAX_BYTES = UsageStatement.MAX_BYTES;

  private UsageStatementCheck() {}

  /**
   * One line saying who signed the statement and what it covers.
   *
   * @throws IllegalArgumentException saying why {@code text} is not a valid statement
   */
  public static String verify(String text) {
    UsageStatement.Verified v = UsageStatement.verify(text);
    return "valid: signed by " + v.peerId() + " (node " + v.nodeId() + "), " + v.since() + " to " + v.until() + ", "
        + v.computeRows() + " compute rows, " + v.inferenceRows() + " inference totals";
  }
}
