package ai.hanzo.node.lifecycle;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts services in order and stops them in reverse, each within its own timeout. A service that fails to start
 * rolls back the ones already started. {@link #stop()} is idempotent and safe to call from any thread.
 *
 * <p>What the services were built over (the node's storage, opened before any of them) is closed after the last
 * of them stopped, whether the controller stops or a start rolls back.
 */
public final class ServiceController {
  private static final Logger log = LoggerFactory.getLogger(ServiceController.class);

  private static final Duration CLOSE_LAST_TIMEOUT = Duration.ofSeconds(30);

  private final List<Service> services;
  private final AutoCloseable closedLast;
  private final Deque<Service> started = new ArrayDeque<>();
  private final AtomicReference<ControllerState> state = new AtomicReference<>(ControllerState.NEW);
  private final ExecutorService runner = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "lifecycle");
    t.setDaemon(true);
    return t;
  });

  public ServiceController(List<Service> services) {
    this(services, () -> { });
  }

  /** @param closedLast closed once, after every started service stopped (also after a failed start) */
  public ServiceController(List<Service> services, AutoCloseable closedLast) {
    this.services = List.copyOf(services);
    this.closedLast = closedLast;
  }

  public ControllerState state() {
    return state.get();
  }

  public synchronized void start() throws StartupException {
    if (!state.compareAndSet(ControllerState.NEW, ControllerState.STARTING)) {
      throw new IllegalStateException("already started once");
    }
    for (Service service : services) {
      long t0 = System.nanoTime();
      try {
        runWithin(service.startTimeout(), service::start);
      } catch (Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        log.error("Service {} failed to start: {}", service.name(), cause.toString());
        stopStarted();
        close(closedLast);
        state.set(ControllerState.FAILED);
        throw new StartupException(service.name(), cause);
      }
      started.push(service);
      log.debug("Started {} in {} ms", service.name(), (System.nanoTime() - t0) / 1_000_000);
    }
    state.set(ControllerState.RUNNING);
  }

  /** Stops every started service in reverse order; returns once all have stopped or timed out. */
  public void stop() {
    ControllerState before = state.getAndUpdate(s ->
        s == ControllerState.STOPPED || s == ControllerState.FAILED ? s : ControllerState.STOPPING);
    if (before == ControllerState.STOPPED || before == ControllerState.FAILED) {
      return;
    }
    synchronized (this) {
      stopStarted();
      close(closedLast);
      state.set(ControllerState.STOPPED);
    }
    runner.shutdownNow();
  }

  private void stopStarted() {
    while (!started.isEmpty()) {
      Service service = started.pop();
      try {
        runWithin(service.stopTimeout(), service::stop);
        log.debug("Stopped {}", service.name());
      } catch (TimeoutException e) {
        log.warn("Service {} did not stop within {}; moving on", service.name(), service.stopTimeout());
      } catch (Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        log.warn("Service {} failed to stop cleanly: {}", service.name(), cause.toString());
      }
    }
  }

  private void close(AutoCloseable resource) {
    try {
      runWithin(CLOSE_LAST_TIMEOUT, resource::close);
    } catch (TimeoutException e) {
      log.warn("Closing {} did not finish within {}; moving on", resource, CLOSE_LAST_TIMEOUT);
    } catch (Exception e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      log.warn("Closing {} failed: {}", resource, cause.toString());
    }
  }

  private void runWithin(Duration timeout, Service.Action action) throws Exception {
    Future<?> f = runner.submit(() -> {
      action.run();
      return null;
    });
    try {
      f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new TimeoutException("timed out after " + timeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      throw e;
    }
  }
}
