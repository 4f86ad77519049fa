package ai.hanzo.node.inference.serving;

import java.time.Duration;

/**
 * What model uploads (UploadModel) may take: the largest model, uploads at once, and how long one may send nothing.
 */
public record UploadLimits(long maxModelBytes, int maxConcurrent, Duration idle) {
  /** Uploads at once: each holds a disk writer and a file of up to the largest model's size. */
  public static final int MAX_CONCURRENT = 2;
  public static final UploadLimits DEFAULTS = new UploadLimits(256L << 30, MAX_CONCURRENT, Duration.ofSeconds(60));

  public UploadLimits {
    if (maxModelBytes <= 0 || maxConcurrent <= 0 || idle.isNegative() || idle.isZero()) {
      throw new IllegalArgumentException("upload limits must be positive: " + maxModelBytes + ", " + maxConcurrent
          + ", " + idle);
    }
  }
}
