package ai.hanzo.node.compute;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A transport whose readiness a test switches: it keeps what it was sent and, like a real transport, remembers the
 * callback given while it was not ready and runs it when {@link #open() opened}. A failure is thrown back.
 */
class GatedSink<T> implements StreamSink<T> {
  volatile boolean ready;
  volatile Runnable callback;
  final List<T> sent = new CopyOnWriteArrayList<>();
  volatile boolean completed;

  void open() {
    ready = true;
    Runnable r = callback;
    callback = null;
    if (r != null) {
      r.run();
    }
  }

  @Override
  public boolean isReady() {
    return ready;
  }

  @Override
  public void whenReady(Runnable r) {
    callback = r;
  }

  @Override
  public void next(T value) {
    sent.add(value);
  }

  @Override
  public void complete() {
    completed = true;
  }

  @Override
  public void fail(RuntimeException error) {
    throw error;
  }
}
