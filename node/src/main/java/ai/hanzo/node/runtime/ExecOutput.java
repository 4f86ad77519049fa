package ai.hanzo.node.runtime;

/** Receives what an exec'd command writes, chunk by chunk, on a thread of the runtime. */
@FunctionalInterface
public interface ExecOutput {
  void onOutput(LogStream stream, byte[] chunk);
}
