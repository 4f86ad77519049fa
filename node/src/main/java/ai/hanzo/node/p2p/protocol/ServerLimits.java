package ai.hanzo.node.p2p.protocol;

/**
 * How much one protocol's server takes on: {@code threads} workers named {@code threadName} with {@code waiting}
 * calls queued behind them (then refused, never queued without bound), at most {@code perPeer} streams of one peer
 * at once, and requests of at most {@code maxMessage} bytes.
 */
public record ServerLimits(String threadName, int threads, int waiting, int perPeer, int maxMessage) {
  public ServerLimits {
    if (threads < 1 || waiting < 1 || perPeer < 1 || maxMessage < 1) {
      throw new IllegalArgumentException("server limits must be positive: " + threads + ", " + waiting + ", "
          + perPeer + ", " + maxMessage);
    }
  }
}
