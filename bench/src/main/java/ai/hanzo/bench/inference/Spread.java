package ai.hanzo.bench.inference;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Samples of one figure across rounds: median and range, as RESULTS.md reports them. */
final class Spread {
  private final List<Double> values = new ArrayList<>();

  void add(double value) {
    values.add(value);
  }

  double median() {
    return percentile(50);
  }

  /** Nearest-rank percentile. */
  double percentile(double p) {
    List<Double> sorted = sorted();
    int rank = (int) Math.ceil(p / 100 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  int size() {
    return values.size();
  }

  /** {@code median [min-max]} with {@code decimals} decimals. */
  String describe(int decimals) {
    List<Double> sorted = sorted();
    String f = "%,." + decimals + "f";
    return String.format(Locale.ROOT, f + " [" + f + "-" + f + "]", median(), sorted.get(0),
        sorted.get(sorted.size() - 1));
  }

  private List<Double> sorted() {
    if (values.isEmpty()) {
      throw new IllegalStateException("no samples");
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted;
  }
}
