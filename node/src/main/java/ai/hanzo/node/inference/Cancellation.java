package ai.hanzo.node.inference;

/**
 * Asks a running generation to stop, e.g. when its client disconnected. The engine checks it before every token,
 * so generation stops within one token of {@link #cancel()}. Safe to use from any thread.
 */
public final class Cancellation {
  private volatile boolean cancelled;

  public void cancel() {
    cancelled = true;
  }

  public boolean isCancelled() {
    return cancelled;
  }
}
