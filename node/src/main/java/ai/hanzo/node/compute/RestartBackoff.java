package ai.hanzo.node.compute;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Delay before the n-th restart of a container: {@code base * 2^n}, capped, then scaled by a random factor in
 * [0.5, 1) so replicas that crash together do not restart in lockstep.
 */
public record RestartBackoff(Duration base, Duration cap, RandomGenerator random) {
  public static RestartBackoff defaults(RandomGenerator random) {
    return new RestartBackoff(Duration.ofMillis(200), Duration.ofSeconds(30), random);
  }

  public Duration delay(int restarts) {
    long baseMillis = base.toMillis();
    int shift = Math.min(Math.max(restarts, 0), 30);
    long raw = baseMillis > (cap.toMillis() >> shift) ? cap.toMillis() : baseMillis << shift;
    long capped = Math.min(raw, cap.toMillis());
    double factor = 0.5 + random.nextDouble() / 2;
    return Duration.ofMillis((long) (capped * factor));
  }
}
