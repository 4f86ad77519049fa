package ai.hanzo.bench.libp2p;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Nearest-rank percentiles and medians of measured values. */
final class Samples {
  private final List<Double> values = new ArrayList<>();

  void add(double value) {
    values.add(value);
  }

  double percentile(double p) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  double median() {
    return percentile(50);
  }

  @Override
  public String toString() {
    return values.stream().map(v -> String.format("%.0f", v)).toList().toString();
  }
}
