package ai.hanzo.node.storage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Time series of metric values, one contiguous, time-ordered key run per series. Writes are not
 * synced: a crash may lose the last points, which is acceptable for metrics and keeps ingest fast.
 * Old points are removed by {@link RetentionJob} with one range delete per series.
 */
public final class MetricsHistory {
  private final ColumnFamilyStore family;

  MetricsHistory(ColumnFamilyStore family) {
    this.family = family;
  }

  public void record(String series, long epochMillis, double value) {
    StoredText.requireKey(series, "metric series name");
    family.put(KeyCodec.seriesKey(series, epochMillis), MetricValueCodec.encode(value));
  }

  public void record(String series, Instant at, double value) {
    record(series, KeyCodec.millisOf(at), value);
  }

  /** Records all samples in one atomic batch. */
  public void recordAll(Collection<MetricSample> samples) {
    family.write(
        "recording " + samples.size() + " metric samples",
        batch -> {
          for (MetricSample sample : samples) {
            batch.put(
                KeyCodec.seriesKey(sample.series(), sample.epochMillis()),
                MetricValueCodec.encode(sample.value()));
          }
        });
  }

  /** Points of {@code series} with {@code from <= timestamp < to} (millisecond precision), oldest first. */
  public List<MetricPoint> query(String series, Instant from, Instant to) {
    StoredText.requireKey(series, "metric series name");
    return family.scan(
        KeyCodec.seriesKey(series, KeyCodec.millisOf(from)),
        KeyCodec.seriesKey(series, KeyCodec.millisOf(to)),
        Integer.MAX_VALUE,
        this::point);
  }

  /** The newest point of {@code series}, if it has any. */
  public Optional<MetricPoint> latest(String series) {
    StoredText.requireKey(series, "metric series name");
    byte[] newestPossible = KeyCodec.seriesKey(series, Long.MAX_VALUE);
    int prefixLength = newestPossible.length - Long.BYTES;
    return family.withIterator(
        "reading the latest point of " + series,
        iterator -> {
          iterator.seekForPrev(newestPossible);
          if (!iterator.isValid()) {
            return Optional.empty();
          }
          byte[] key = iterator.key();
          boolean sameSeries =
              key.length == newestPossible.length
                  && Arrays.equals(key, 0, prefixLength, newestPossible, 0, prefixLength);
          return sameSeries ? Optional.of(point(key, iterator.value())) : Optional.empty();
        });
  }

  /** The names of all series that have points, in byte order. */
  public List<String> series() {
    return family.withIterator(
        "listing metric series",
        iterator -> {
          List<String> names = new ArrayList<>();
          iterator.seekToFirst();
          while (iterator.isValid()) {
            byte[] key = iterator.key();
            String name = family.decode(key, () -> KeyCodec.seriesOf(key));
            names.add(name);
            iterator.seek(KeyCodec.seriesEnd(name));
          }
          return names;
        });
  }

  /** Removes every point older than {@code cutoff}, one range delete per series. */
  void pruneBefore(Instant cutoff) {
    long cutoffMillis = KeyCodec.millisOf(cutoff);
    List<String> names = series();
    family.write(
        "pruning metrics before " + cutoff,
        batch ->
            names.forEach(
                name ->
                    batch.deleteRange(
                        KeyCodec.seriesKey(name, Long.MIN_VALUE),
                        KeyCodec.seriesKey(name, cutoffMillis))));
  }

  private MetricPoint point(byte[] key, byte[] value) {
    return family.decode(
        key,
        () -> new MetricPoint(KeyCodec.seriesTimestamp(key), MetricValueCodec.decode(value)));
  }
}
