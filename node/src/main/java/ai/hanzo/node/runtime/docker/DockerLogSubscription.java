package ai.hanzo.node.runtime.docker;

import ai.hanzo.node.runtime.LogConsumer;
import ai.hanzo.node.runtime.LogEntry;
import ai.hanzo.node.runtime.LogQuery;
import ai.hanzo.node.runtime.LogStream;
import ai.hanzo.node.runtime.LogSubscription;
import ai.hanzo.node.runtime.logs.LineAssembler;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Engine logs (asked for with timestamps) turned into entries. The engine's {@code since} has whole seconds, so
 * the exact {@code since} is applied here again.
 */
final class DockerLogSubscription extends ResultCallback.Adapter<Frame> implements LogSubscription {
  private static final int MAX_LINE_BYTES = 64 * 1024;

  private final LogQuery query;
  private final LogConsumer consumer;
  private final Clock clock;
  private final LineAssembler stdout;
  private final LineAssembler stderr;
  private final CompletableFuture<Void> done = new CompletableFuture<>();

  DockerLogSubscription(LogQuery query, LogConsumer consumer, Clock clock) {
    this.query = query;
    this.consumer = consumer;
    this.clock = clock;
    this.stdout = new LineAssembler(MAX_LINE_BYTES, line -> deliver(LogStream.STDOUT, line));
    this.stderr = new LineAssembler(MAX_LINE_BYTES, line -> deliver(LogStream.STDERR, line));
  }

  @Override
  public void onNext(Frame frame) {
    LineAssembler lines = frame.getStreamType() == StreamType.STDERR ? stderr : stdout;
    lines.feed(frame.getPayload(), 0, frame.getPayload().length);
  }

  private void deliver(LogStream stream, String line) {
    int space = line.indexOf(' ');
    Instant timestamp = null;
    String text = line;
    if (space > 0) {
      try {
        timestamp = DockerStates.time(line.substring(0, space));
        text = line.substring(space + 1);
      } catch (RuntimeException e) {
        timestamp = null;
      }
    }
    if (timestamp == null) {
      timestamp = clock.instant();
      text = line;
    }
    if (query.since() == null || !timestamp.isBefore(query.since())) {
      consumer.onEntry(new LogEntry(timestamp, stream, text));
    }
  }

  @Override
  public void onError(Throwable throwable) {
    done.completeExceptionally(throwable);
    super.onError(throwable);
  }

  @Override
  public void onComplete() {
    stdout.flush();
    stderr.flush();
    done.complete(null);
    super.onComplete();
  }

  @Override
  public CompletableFuture<Void> done() {
    return done;
  }

  @Override
  public void close() {
    try {
      super.close();
    } catch (IOException e) {
      done.completeExceptionally(e);
    }
    done.complete(null);
  }
}
