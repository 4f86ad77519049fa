package ai.hanzo.node.storage;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * An append-only log keyed by (timestamp, sequence), so entries sort by time and entries of the
 * same millisecond stay distinct and in append order. The sequence continues after the newest
 * stored entry when the node restarts (keys stay unique unless the clock was set back below a
 * stored entry that carries a higher sequence, and an append then lands in that very millisecond).
 */
final class TimeSequencedLog<T> {
  private static final byte[] START = KeyCodec.logKey(Long.MIN_VALUE, Long.MIN_VALUE);

  private final ColumnFamilyStore family;
  private final RecordCodec<T> codec;
  private final Function<T, Instant> timeOf;
  private final AtomicLong nextSequence;

  TimeSequencedLog(ColumnFamilyStore family, RecordCodec<T> codec, Function<T, Instant> timeOf) {
    this.family = family;
    this.codec = codec;
    this.timeOf = timeOf;
    this.nextSequence = new AtomicLong(newestSequence() + 1);
  }

  void append(T entry) {
    byte[] key =
        KeyCodec.logKey(KeyCodec.millisOf(timeOf.apply(entry)), nextSequence.getAndIncrement());
    family.put(key, codec.encode(entry));
  }

  /** Appends every entry in one write batch, with consecutive sequence numbers. */
  void appendAll(List<T> entries) {
    if (entries.isEmpty()) {
      return;
    }
    family.write("appending " + entries.size() + " log entries", batch -> {
      for (T entry : entries) {
        batch.put(KeyCodec.logKey(KeyCodec.millisOf(timeOf.apply(entry)), nextSequence.getAndIncrement()),
            codec.encode(entry));
      }
    });
  }

  /**
   * Entries with {@code from <= time < to}, oldest first, at most {@code limit}, with their positions; only those
   * after {@code after} when it is not {@code null}.
   */
  List<LogEntry<T>> page(Instant from, Instant to, LogPosition after, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, got " + limit);
    }
    long upperMillis = KeyCodec.millisOf(to);
    byte[] upper =
        upperMillis == Long.MAX_VALUE ? null : KeyCodec.logKey(upperMillis + 1, Long.MIN_VALUE);
    byte[] lower = KeyCodec.logKey(KeyCodec.millisOf(from), Long.MIN_VALUE);
    byte[] afterKey = after == null ? null : KeyCodec.logKey(after.epochMillis(), after.sequence());
    byte[] start = afterKey != null && java.util.Arrays.compareUnsigned(afterKey, lower) >= 0 ? afterKey : lower;
    return family.scan(
        start,
        upper,
        limit,
        (key, value) -> {
          if (afterKey != null && java.util.Arrays.equals(key, afterKey)) {
            return null;
          }
          T entry = family.decode(key, value, codec::decode);
          Instant time = timeOf.apply(entry);
          if (time.isBefore(from) || !time.isBefore(to)) {
            return null;
          }
          long sequence = family.decode(key, () -> KeyCodec.logSequence(key));
          return new LogEntry<>(new LogPosition(KeyCodec.millisOf(time), sequence), entry);
        });
  }

  /** Entries with {@code from <= time < to}, oldest first, at most {@code limit}. */
  List<T> between(Instant from, Instant to, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, got " + limit);
    }
    long upperMillis = KeyCodec.millisOf(to);
    byte[] upper =
        upperMillis == Long.MAX_VALUE ? null : KeyCodec.logKey(upperMillis + 1, Long.MIN_VALUE);
    return family.scan(
        KeyCodec.logKey(KeyCodec.millisOf(from), Long.MIN_VALUE),
        upper,
        limit,
        (key, value) -> {
          T entry = family.decode(key, value, codec::decode);
          Instant time = timeOf.apply(entry);
          return time.isBefore(from) || !time.isBefore(to) ? null : entry;
        });
  }

  /** Removes every entry of a millisecond before {@code cutoff}'s, with one range delete. */
  void pruneBefore(Instant cutoff) {
    family.deleteRange(START, KeyCodec.logKey(KeyCodec.millisOf(cutoff), Long.MIN_VALUE));
  }

  private long newestSequence() {
    return family.withIterator(
        "finding the newest log entry",
        iterator -> {
          iterator.seekToLast();
          if (!iterator.isValid()) {
            return -1L;
          }
          byte[] key = iterator.key();
          return family.decode(key, () -> KeyCodec.logSequence(key));
        });
  }
}
