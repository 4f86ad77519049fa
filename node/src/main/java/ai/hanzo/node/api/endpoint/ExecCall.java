package ai.hanzo.node.api.endpoint;

import ai.hanzo.node.api.v1.ExecInput;
import ai.hanzo.node.compute.ContainerService.ExecSession;
import ai.hanzo.node.error.NodeException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One running exec, as its transport drives it: later inputs become stdin, the end of the client's input closes
 * stdin, and cancellation kills the command. Stdin writes may block while the command does not read: call
 * {@link #input} and {@link #endOfInput} off the event loop.
 */
public final class ExecCall implements StreamHandle {
  private final ExecSession session;
  private final ExecOutputPump pump;
  private final AtomicBoolean cancelled = new AtomicBoolean();

  ExecCall(ExecSession session, ExecOutputPump pump) {
    this.session = session;
    this.pump = pump;
  }

  /** A later message: stdin only. */
  public void input(ExecInput next) {
    if (!next.getContainerId().isEmpty() || next.getCommandCount() > 0) {
      throw NodeException.invalidField("container_id", "only the first message names the container and command");
    }
    if (!next.getStdin().isEmpty()) {
      stdin(next.getStdin().toByteArray());
    }
  }

  void stdin(byte[] data) {
    session.stdin(data);
  }

  /** The client sends no more input: the command reads end-of-file. */
  public void endOfInput() {
    session.closeStdin();
  }

  @Override
  public void onReady() {
    pump.ready();
  }

  @Override
  public void cancel() {
    if (cancelled.compareAndSet(false, true)) {
      pump.cancel();
      session.close();
    }
  }
}
