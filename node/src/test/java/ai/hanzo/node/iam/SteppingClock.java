package ai.hanzo.node.iam;

import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZoneId;

/** A clock the test moves by hand; also the time source of the rate limiter's buckets. */
final class SteppingClock extends Clock implements TimeMeter {
  private volatile Instant now;

  SteppingClock(Instant start) {
    this.now = start;
  }

  void advance(Duration step) {
    now = now.plus(step);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public long currentTimeNanos() {
    Instant t = now;
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  @Override
  public boolean isWallClockBased() {
    return true;
  }
}
