package ai.hanzo.node.runtime.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.runtime.LogConsumer;
import ai.hanzo.node.runtime.LogEntry;
import ai.hanzo.node.runtime.LogQuery;
import ai.hanzo.node.runtime.LogStream;
import ai.hanzo.node.runtime.LogSubscription;
import ai.hanzo.node.runtime.RecordingLogConsumer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLogSubscriptionTest {
  private static final Instant T0 = Instant.parse("2026-11-26T00:00:00Z");

  @TempDir
  Path dir;

  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stopExecutor() {
    executor.shutdownNow();
  }

  private static LogEntry entry(int i) {
    return new LogEntry(T0.plusSeconds(i), i % 3 == 0 ? LogStream.STDERR : LogStream.STDOUT, "line " + i);
  }

  private LogSubscription subscribe(LogFiles files, LogQuery query, LogConsumer consumer,
      AtomicBoolean ended) {
    return FileLogSubscription.start(files, query, consumer, ended::get, executor, Duration.ofMillis(10));
  }

  @Test
  void rotationKeepsAtMostTheConfiguredFilesAndHistoryReadsThemInOrder() throws Exception {
    LogFiles files = new LogFiles(dir, new LogRotation(1024, 3));
    try (RotatingLogWriter writer = new RotatingLogWriter(files)) {
      IntStream.range(0, 200).forEach(i -> writer.append(entry(i)));
    }
    try (var listing = Files.list(dir)) {
      assertThat(listing.map(path -> path.getFileName().toString()).toList())
          .containsExactlyInAnyOrder("container.log", "container.log.1", "container.log.2");
    }
    for (Path file : List.of(files.current(), files.rotated(1), files.rotated(2))) {
      assertThat(Files.size(file)).isLessThanOrEqualTo(1024);
    }

    RecordingLogConsumer consumer = new RecordingLogConsumer();
    try (LogSubscription subscription = subscribe(files, LogQuery.ALL, consumer, new AtomicBoolean(true))) {
      subscription.done().get(10, TimeUnit.SECONDS);
    }
    List<String> lines = consumer.lines();
    assertThat(lines).isNotEmpty().endsWith("line 199");
    int first = Integer.parseInt(lines.get(0).substring(5));
    assertThat(lines).containsExactlyElementsOf(IntStream.range(first, 200).mapToObj(i -> "line " + i).toList());
  }

  @Test
  void tailAndSinceSelectTheHistory() throws Exception {
    LogFiles files = new LogFiles(dir, LogRotation.DEFAULT);
    try (RotatingLogWriter writer = new RotatingLogWriter(files)) {
      IntStream.range(0, 10).forEach(i -> writer.append(entry(i)));
    }
    RecordingLogConsumer tail = new RecordingLogConsumer();
    subscribe(files, new LogQuery(null, 3, false), tail, new AtomicBoolean(true)).done().get(10, TimeUnit.SECONDS);
    assertThat(tail.lines()).containsExactly("line 7", "line 8", "line 9");

    RecordingLogConsumer since = new RecordingLogConsumer();
    subscribe(files, new LogQuery(T0.plusSeconds(8), 0, false), since, new AtomicBoolean(true)).done()
        .get(10, TimeUnit.SECONDS);
    assertThat(since.lines()).containsExactly("line 8", "line 9");
  }

  @Test
  void followCrossesRotationsWithoutLosingOrRepeatingLines() throws Exception {
    LogFiles files = new LogFiles(dir, new LogRotation(1024, 4));
    AtomicBoolean ended = new AtomicBoolean(false);
    RecordingLogConsumer consumer = new RecordingLogConsumer();
    try (RotatingLogWriter writer = new RotatingLogWriter(files);
        LogSubscription subscription = subscribe(files, new LogQuery(null, 0, true), consumer, ended)) {
      for (int i = 0; i < 60; i++) {
        writer.append(entry(i));
        int expected = i + 1;
        // at most one rotation between two polls: wait for each line before writing the next
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2)).until(() -> consumer.entries().size() == expected);
      }
      ended.set(true);
      subscription.done().get(10, TimeUnit.SECONDS);
    }
    assertThat(consumer.lines()).containsExactlyElementsOf(IntStream.range(0, 60).mapToObj(i -> "line " + i)
        .toList());
  }

  @Test
  void aTornLastLineIsSkippedNotFatal() throws Exception {
    LogFiles files = new LogFiles(dir, LogRotation.DEFAULT);
    Files.writeString(files.current(), LogLineCodec.encode(entry(1)) + "garbage without format\n"
        + LogLineCodec.encode(entry(2)) + "2026-11-26T00:0");
    RecordingLogConsumer consumer = new RecordingLogConsumer();
    subscribe(files, LogQuery.ALL, consumer, new AtomicBoolean(true)).done().get(10, TimeUnit.SECONDS);
    assertThat(consumer.lines()).containsExactly("line 1", "line 2");
  }

  /** A consumer that takes lines only while its gate is open, as a paused client's relay does. */
  private static final class GatedConsumer implements LogConsumer {
    final RecordingLogConsumer recorded = new RecordingLogConsumer();
    final java.util.concurrent.atomic.AtomicInteger refusals = new java.util.concurrent.atomic.AtomicInteger();
    volatile int limit;

    GatedConsumer(int limit) {
      this.limit = limit;
    }

    @Override
    public boolean wantsMore() {
      boolean wants = entries().size() < limit;
      if (!wants) {
        refusals.incrementAndGet();
      }
      return wants;
    }

    @Override
    public void onEntry(LogEntry entry) {
      recorded.onEntry(entry);
    }

    List<LogEntry> entries() {
      return recorded.entries();
    }

    List<String> lines() {
      return recorded.lines();
    }
  }

  @Test
  void aPausedFollowerStopsReadingAndLaterGetsEveryLineAcrossSeveralRotations() throws Exception {
    LogFiles files = new LogFiles(dir, new LogRotation(1024, 20));
    AtomicBoolean ended = new AtomicBoolean(false);
    GatedConsumer consumer = new GatedConsumer(5);
    try (RotatingLogWriter writer = new RotatingLogWriter(files);
        LogSubscription subscription = subscribe(files, new LogQuery(null, 0, true), consumer, ended)) {
      writer.append(entry(0));
      await().atMost(Duration.ofSeconds(10)).until(() -> consumer.entries().size() == 1);
      // While the consumer is paused, the log rotates many times: the files are the buffer.
      for (int i = 1; i < 300; i++) {
        writer.append(entry(i));
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> consumer.entries().size() >= 5);
      assertThat(Files.exists(files.rotated(5))).as("several rotations while paused").isTrue();
      // Many polls later the consumer still has at most one read more than it asked for (a file is 1 KiB here).
      int refused = consumer.refusals.get();
      await().atMost(Duration.ofSeconds(10)).until(() -> consumer.refusals.get() > refused + 20);
      assertThat(consumer.entries()).hasSizeLessThan(5 + 1024 / 30);
      consumer.limit = Integer.MAX_VALUE;
      ended.set(true);
      subscription.done().get(10, TimeUnit.SECONDS);
    }
    assertThat(consumer.lines()).containsExactlyElementsOf(IntStream.range(0, 300).mapToObj(i -> "line " + i)
        .toList());
  }

  @Test
  void aWokenFollowerReadsAtOnceInsteadOfAtItsNextPoll() throws Exception {
    int lines = 2000; // several of the reader's 16 KiB chunks
    LogFiles files = new LogFiles(dir, LogRotation.DEFAULT);
    try (RotatingLogWriter writer = new RotatingLogWriter(files)) {
      IntStream.range(0, lines).forEach(i -> writer.append(entry(i)));
    }
    GatedConsumer consumer = new GatedConsumer(10);
    // One poll at the start, the next in an hour: only wake() can make it read again within the test.
    try (LogSubscription subscription = FileLogSubscription.start(files, new LogQuery(null, 0, true), consumer,
        () -> false, executor, Duration.ofHours(1))) {
      await().atMost(Duration.ofSeconds(10)).until(() -> consumer.refusals.get() > 0);
      int held = consumer.entries().size();
      assertThat(held).isLessThan(lines);
      consumer.limit = Integer.MAX_VALUE;
      subscription.wake();
      await().atMost(Duration.ofSeconds(10)).until(() -> consumer.entries().size() == lines);
    }
    assertThat(consumer.lines()).containsExactlyElementsOf(IntStream.range(0, lines).mapToObj(i -> "line " + i)
        .toList());
  }
}
