package ai.hanzo.node.runtime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Collects what an exec'd command writes, per stream. */
public final class RecordingExecOutput implements ExecOutput {
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  @Override
  public synchronized void onOutput(LogStream stream, byte[] chunk) {
    (stream == LogStream.STDOUT ? stdout : stderr).writeBytes(chunk);
  }

  public synchronized String stdout() {
    return stdout.toString(StandardCharsets.UTF_8);
  }

  public synchronized String stderr() {
    return stderr.toString(StandardCharsets.UTF_8);
  }
}
