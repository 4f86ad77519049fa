package ai.hanzo.bench.api;

import java.util.Arrays;

/** Per-caller latency samples (nanoseconds), merged after the run into QPS and percentiles. */
public final class LatencyRecorder {
  private long[] samples = new long[1 << 16];
  private int count;

  void record(long nanos) {
    if (count == samples.length) {
      samples = Arrays.copyOf(samples, samples.length * 2);
    }
    samples[count++] = nanos;
  }

  int count() {
    return count;
  }

  static Summary summarize(LatencyRecorder[] recorders, double seconds) {
    int total = 0;
    for (LatencyRecorder r : recorders) {
      total += r.count;
    }
    long[] all = new long[total];
    int at = 0;
    for (LatencyRecorder r : recorders) {
      System.arraycopy(r.samples, 0, all, at, r.count);
      at += r.count;
    }
    Arrays.sort(all);
    return new Summary(total / seconds, percentile(all, 0.50), percentile(all, 0.99), total);
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))] / 1_000.0;
  }

  /** QPS, and p50/p99 in microseconds. */
  public record Summary(double qps, double p50Micros, double p99Micros, int calls) {}
}
