package ai.hanzo.node.iam;

import ai.hanzo.testing.MutableClock;
import io.github.bucket4j.TimeMeter;
import java.time.Instant;

/** The hand-moved test clock, also serving as the time source of the rate limiter's buckets. */
final class SteppingClock extends MutableClock implements TimeMeter {
  SteppingClock(Instant start) {
    super(start);
  }

  @Override
  public long currentTimeNanos() {
    Instant t = instant();
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  @Override
  public boolean isWallClockBased() {
    return true;
  }
}
