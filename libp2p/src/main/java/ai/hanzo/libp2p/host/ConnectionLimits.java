package ai.hanzo.libp2p.host;

/**
 * How many connections a host keeps.
 *
 * @param maxConnections new connections beyond this are closed at once
 * @param lowWater trimming stops at this many connections
 * @param highWater above this many, the oldest idle connections are closed down to {@code lowWater}
 */
public record ConnectionLimits(int maxConnections, int lowWater, int highWater) {
  public ConnectionLimits {
    if (lowWater < 0 || lowWater > highWater || highWater > maxConnections) {
      throw new IllegalArgumentException("connection limits need 0 <= lowWater <= highWater"
          + " <= maxConnections, got " + lowWater + ", " + highWater + ", " + maxConnections);
    }
  }

  public static ConnectionLimits defaults() {
    return new ConnectionLimits(400, 160, 192);
  }
}
