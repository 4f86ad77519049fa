package ai.hanzo.node.lifecycle;

import java.time.Duration;

/**
 * A part of the node with a start and a stop. The {@link ServiceController} calls {@code start} once and
 * {@code stop} at most once, and only after a successful start.
 */
public interface Service {
  String name();

  void start() throws Exception;

  void stop() throws Exception;

  default Duration startTimeout() {
    return Duration.ofSeconds(30);
  }

  default Duration stopTimeout() {
    return Duration.ofSeconds(15);
  }

  /** A service made of two actions, for components that are not services themselves. */
  static Service of(String name, Action start, Action stop) {
    return new Service() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void start() throws Exception {
        start.run();
      }

      @Override
      public void stop() throws Exception {
        stop.run();
      }
    };
  }

  @FunctionalInterface
  interface Action {
    void run() throws Exception;
  }
}
