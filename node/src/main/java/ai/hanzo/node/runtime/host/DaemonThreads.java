package ai.hanzo.node.runtime.host;

import java.util.concurrent.Executor;

/**
 * An executor that gives each task a fresh daemon thread: for blocking reads of pipes, which must not occupy the
 * common fork-join pool.
 */
public final class DaemonThreads implements Executor {
  private final String name;

  public DaemonThreads(String name) {
    this.name = name;
  }

  @Override
  public void execute(Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
  }
}
