package ai.hanzo.node.usage;

/** Growth of the runtime's cumulative counters between two samples, and its share of an hour-bounded interval. */
final class Counters {
  private Counters() {}

  /**
   * {growth, counter to keep} from {@code last} to {@code now}. A counter of a running container that went down was
   * reset (its processes restarted in a new cgroup or network namespace): all of it is new. A stopped container's
   * lower counter is a runtime that no longer has it: nothing, and the old counter stays. A counter not reported
   * ({@code now < 0}) grows by nothing and keeps the last; one not reported before ({@code last < 0}) becomes the base.
   */
  static long[] growth(long last, long now, boolean running) {
    if (now < 0) {
      return new long[] {0, last};
    }
    if (last < 0) {
      return new long[] {0, now};
    }
    if (now >= last) {
      return new long[] {now - last, now};
    }
    return running ? new long[] {now, now} : new long[] {0, last};
  }

  /**
   * The part of {@code total} in a piece of {@code share} of the time between two samples; the last piece takes what
   * is {@code left}, so the pieces always add up to the total exactly.
   */
  static long part(long total, long left, double share, boolean last) {
    return last ? left : Math.min(left, Math.round(total * share));
  }
}
