package ai.hanzo.node.runtime;

/** Receives what an exec'd command writes, chunk by chunk, on a thread of the runtime. */
@FunctionalInterface
public interface ExecOutput {
  void onOutput(LogStream stream, byte[] chunk);

  /**
   * Whether the receiver can take more output now. A runtime that reads the command's pipes stops reading while
   * this is false (the pipe fills and the command blocks in its write, so nothing is lost and nothing piles up)
   * and reads again after {@link ExecSession#resume()}. A runtime that cannot pause its source (a remote engine's
   * stream) may deliver regardless.
   */
  default boolean wantsMore() {
    return true;
  }
}
