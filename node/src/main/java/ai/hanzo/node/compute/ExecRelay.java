package ai.hanzo.node.compute;

import ai.hanzo.node.compute.ContainerService.ExecChunk;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.ExecOutput;
import ai.hanzo.node.runtime.TerminalSize;
import ai.hanzo.node.runtime.LogStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves a runtime exec's output to a {@link StreamSink} without a thread of its own, and after the exit code a
 * last chunk with {@code done}. Chunks wait in a queue that whichever thread adds one or finds the sink ready again
 * (a runtime reader, the transport's event loop) drains while the sink is ready, one drainer at a time. Once
 * {@link #WANTED_BYTES} wait, the runtime is told it wants no more ({@link ExecOutput#wantsMore()}) and stops
 * reading the command's pipes until the client has caught up ({@code resume}): a paused client holds no thread and
 * a bounded queue, and no output is lost. A runtime that cannot pause (a remote engine's stream) is held in
 * {@link ExecOutput#onOutput} once {@link #HARD_CAPACITY_BYTES} wait.
 */
final class ExecRelay implements ContainerService.ExecSession {
  static final int WANTED_BYTES = 64 * 1024;
  static final int HARD_CAPACITY_BYTES = 4 * 1024 * 1024;
  /**
   * Consecutive chunks of one stream are joined into messages of at most this size: as one WebSocket text frame
   * (base64 in JSON) it stays below the 64 KiB that clients such as Armeria's accept by default.
   */
  static final int MAX_MESSAGE_BYTES = 16 * 1024;
  private static final int MAX_BATCH = 16;
  private static final long WAIT_MILLIS = 100;
  private static final byte[] NONE = new byte[0];

  private final StreamSink<ExecChunk> sink;
  private final Object lock = new Object();
  private final ArrayDeque<Piece> queue = new ArrayDeque<>();
  private final SerialDrain drain = new SerialDrain(this::drainOnce);
  private volatile ai.hanzo.node.runtime.ExecSession session;
  private volatile boolean closed;
  private long queuedBytes;
  private Integer exitCode;
  private RuntimeException failure;
  private boolean finished;

  ExecRelay(StreamSink<ExecChunk> sink) {
    this.sink = sink;
  }

  /** What the runtime writes to. */
  ExecOutput output() {
    return new ExecOutput() {
      @Override
      public void onOutput(LogStream stream, byte[] chunk) {
        // a runtime may hand on more at once (a remote engine's frame): no message exceeds the limit
        for (int from = 0; from < chunk.length; from += MAX_MESSAGE_BYTES) {
          offer(new Piece(stream, from == 0 && chunk.length <= MAX_MESSAGE_BYTES ? chunk
              : java.util.Arrays.copyOfRange(chunk, from, Math.min(chunk.length, from + MAX_MESSAGE_BYTES))));
        }
      }

      @Override
      public boolean wantsMore() {
        return !closed && queued() < WANTED_BYTES;
      }
    };
  }

  /** The runtime's session, once it started; from then on its end ends the stream. */
  ExecRelay attach(ai.hanzo.node.runtime.ExecSession started) {
    this.session = started;
    started.exitCode().whenComplete((code, error) -> {
      synchronized (lock) {
        if (error != null) {
          failure = new NodeException(ErrorCode.UNAVAILABLE, "exec failed: " + error.getMessage());
        } else {
          exitCode = code;
        }
      }
      drain();
    });
    // output may have paused before the session was known to us
    if (queued() < WANTED_BYTES) {
      started.resume();
    }
    drain();
    return this;
  }

  private long queued() {
    synchronized (lock) {
      return queuedBytes;
    }
  }

  private void offer(Piece piece) {
    synchronized (lock) {
      try {
        while (!closed && queuedBytes >= HARD_CAPACITY_BYTES) {
          lock.wait(WAIT_MILLIS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (closed) {
        return;
      }
      queue.addLast(piece);
      queuedBytes += piece.bytes.length;
    }
    drain();
  }

  private void drain() {
    drain.request();
  }

  private void drainOnce() {
    try {
      while (!closed && !finished) {
        if (!sink.isReady()) {
          sink.whenReady(this::drain);
          return;
        }
        List<ExecChunk> batch = new ArrayList<>();
        boolean wantedMore;
        boolean last = false;
        synchronized (lock) {
          while (batch.size() < MAX_BATCH && !queue.isEmpty()) {
            batch.add(joinNext());
          }
          wantedMore = !batch.isEmpty() && queuedBytes < WANTED_BYTES;
          lock.notifyAll();
          if (queue.isEmpty() && (exitCode != null || failure != null)) {
            last = true;
            finished = true;
          }
        }
        ai.hanzo.node.runtime.ExecSession s = session;
        if (wantedMore && s != null) {
          s.resume();
        }
        if (last && failure == null) {
          batch.add(new ExecChunk(NONE, NONE, exitCode, true));
        }
        if (!batch.isEmpty()) {
          sink.nextAll(batch);
        }
        if (last) {
          if (failure != null) {
            sink.fail(failure);
          } else {
            sink.complete();
          }
          return;
        }
        if (batch.isEmpty()) {
          return;
        }
      }
    } catch (RuntimeException e) {
      finished = true;
      sink.fail(e);
      close();
    }
  }

  /** The next message: the first queued piece joined with those of the same stream after it, up to a size. */
  private ExecChunk joinNext() {
    Piece first = queue.pollFirst();
    queuedBytes -= first.bytes.length;
    byte[] bytes = first.bytes;
    if (!queue.isEmpty() && queue.peekFirst().stream == first.stream) {
      ByteArrayOutputStream joined = new ByteArrayOutputStream();
      joined.writeBytes(first.bytes);
      while (!queue.isEmpty() && queue.peekFirst().stream == first.stream
          && joined.size() + queue.peekFirst().bytes.length <= MAX_MESSAGE_BYTES) {
        Piece next = queue.pollFirst();
        queuedBytes -= next.bytes.length;
        joined.writeBytes(next.bytes);
      }
      bytes = joined.toByteArray();
    }
    return first.stream == LogStream.STDOUT ? new ExecChunk(bytes, NONE, 0, false)
        : new ExecChunk(NONE, bytes, 0, false);
  }

  @Override
  public void stdin(byte[] data) {
    try {
      session.stdin().write(data);
      session.stdin().flush();
    } catch (IOException e) {
      throw new NodeException(ErrorCode.FAILED_PRECONDITION, "the command no longer reads its input: "
          + e.getMessage());
    }
  }

  @Override
  public void resize(int rows, int cols) {
    try {
      session.resize(new TerminalSize(rows, cols));
    } catch (ContainerRuntimeException e) {
      throw RuntimeErrors.toNode(e);
    }
  }

  @Override
  public void closeStdin() {
    try {
      session.stdin().close();
    } catch (IOException e) {
      // the command already closed its end; nothing more to tell it
    }
  }

  /** Kills the command; queued output is dropped (nobody reads it any more). */
  @Override
  public void close() {
    closed = true;
    synchronized (lock) {
      queue.clear();
      queuedBytes = 0;
      lock.notifyAll();
    }
    ai.hanzo.node.runtime.ExecSession s = session;
    if (s != null) {
      s.close();
    }
  }

  private record Piece(LogStream stream, byte[] bytes) {}
}
