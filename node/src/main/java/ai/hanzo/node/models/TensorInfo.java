package ai.hanzo.node.models;

import java.util.List;

/** One tensor as the header describes it: name, type, dimensions (innermost first), offset in the data section. */
public record TensorInfo(String name, TensorType type, List<Long> dimensions, long offset, long bytes) {
  public TensorInfo {
    dimensions = List.copyOf(dimensions);
  }

  public long elements() {
    long n = 1;
    for (long d : dimensions) {
      n *= d;
    }
    return n;
  }
}
