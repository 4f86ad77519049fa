package ai.hanzo.node.inference;

import java.util.ArrayList;
import java.util.List;

/**
 * Asks a running generation to stop, e.g. when its client disconnected. The engine checks it before every token,
 * so generation stops within one token of {@link #cancel()}. Safe to use from any thread.
 */
public final class Cancellation {
  private volatile boolean cancelled;
  /** Run once on cancel; null once cancelled. Guarded by {@code this}. */
  private List<Runnable> listeners = new ArrayList<>();

  public void cancel() {
    List<Runnable> run;
    synchronized (this) {
      cancelled = true;
      run = listeners;
      listeners = null;
    }
    if (run != null) {
      run.forEach(Runnable::run);
    }
  }

  public boolean isCancelled() {
    return cancelled;
  }

  /**
   * Runs {@code action} on the first {@link #cancel()} (at once when already cancelled), for work that is not
   * polled, such as a generation running on another node.
   */
  public void onCancel(Runnable action) {
    synchronized (this) {
      if (listeners != null) {
        listeners.add(action);
        return;
      }
    }
    action.run();
  }
}
