package ai.hanzo.bench.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/** N callers, each issuing one blocking call after another: closed-loop load, as 16 real clients would. */
public final class LoadDriver {
  private LoadDriver() {}

  @FunctionalInterface
  public interface Call {
    void run() throws Exception;
  }

  public static LatencyRecorder.Summary run(int callers, Duration warmup, Duration measure, Call call)
      throws InterruptedException {
    measure(callers, warmup, call);
    return measure(callers, measure, call);
  }

  private static LatencyRecorder.Summary measure(int callers, Duration duration, Call call)
      throws InterruptedException {
    LatencyRecorder[] recorders = new LatencyRecorder[callers];
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch started = new CountDownLatch(callers);
    CountDownLatch finished = new CountDownLatch(callers);
    List<Throwable> failures = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      LatencyRecorder recorder = recorders[i] = new LatencyRecorder();
      Thread t = new Thread(() -> {
        started.countDown();
        try {
          while (!stop.get()) {
            long t0 = System.nanoTime();
            call.run();
            recorder.record(System.nanoTime() - t0);
          }
        } catch (Throwable e) {
          synchronized (failures) {
            failures.add(e);
          }
        } finally {
          finished.countDown();
        }
      }, "caller-" + i);
      t.setDaemon(true);
      t.start();
    }
    started.await();
    long t0 = System.nanoTime();
    Thread.sleep(duration.toMillis());
    stop.set(true);
    finished.await();
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (!failures.isEmpty()) {
      throw new IllegalStateException("calls failed during the run", failures.get(0));
    }
    return LatencyRecorder.summarize(recorders, seconds);
  }
}
