package ai.hanzo.node.api.endpoint;

import ai.hanzo.node.api.v1.ExecInput;
import ai.hanzo.node.compute.ContainerService.ExecSession;
import ai.hanzo.node.error.NodeException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One running exec, as its transport drives it: later inputs become stdin or a terminal resize, the end of the
 * client's input closes stdin, and cancellation kills the command. Stdin writes and resizes may block (the command
 * does not read; resizing runs a host command or calls the engine): call {@link #input} and {@link #endOfInput} off
 * the event loop.
 */
public final class ExecCall implements StreamHandle {
  private final ExecSession session;
  private final ExecOutputPump pump;
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final boolean tty;

  ExecCall(ExecSession session, ExecOutputPump pump, boolean tty) {
    this.session = session;
    this.pump = pump;
    this.tty = tty;
  }

  /** A later message: stdin and/or a new terminal size (stdin first). */
  public void input(ExecInput next) {
    if (!next.getContainerId().isEmpty() || next.getCommandCount() > 0) {
      throw NodeException.invalidField("container_id", "only the first message names the container and command");
    }
    if (next.hasResize()) {
      if (!tty) {
        throw NodeException.invalidField("resize", "needs an exec started with tty");
      }
      TerminalSizes.check(next.getResize());
    }
    if (!next.getStdin().isEmpty()) {
      stdin(next.getStdin().toByteArray());
    }
    if (next.hasResize()) {
      session.resize(next.getResize().getRows(), next.getResize().getCols());
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
