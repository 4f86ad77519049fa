package ai.hanzo.node.app;

/**
 * Test-only: a named point where the node halts at once, as a {@code kill -9} there would stop it, when the system
 * property {@value #PROPERTY} names it. Crash ITs start a node with {@code -Dhanzo.test.halt-at=NAME} (through
 * {@code JAVA_TOOL_OPTIONS}) to prove that what was written before the point is taken up, once, at the next start;
 * a timed {@code kill -9} could not hit a window of microseconds. Unset in production, where it costs a property
 * read per point reached.
 */
final class CrashPoint {
  static final String PROPERTY = "hanzo.test.halt-at";
  /** The slasher stored evidence and has not journaled its slash transaction yet. */
  static final String QOS_EVIDENCE_STORED = "qos-evidence-stored";
  /** The exit status of a process killed by SIGKILL, which this stands for. */
  private static final int KILLED = 137;

  private CrashPoint() {}

  static void reached(String name) {
    if (name.equals(System.getProperty(PROPERTY))) {
      System.err.println("halting at crash point " + name + " (-D" + PROPERTY + ")");
      System.err.flush();
      Runtime.getRuntime().halt(KILLED);
    }
  }
}
