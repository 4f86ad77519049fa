package ai.hanzo.libp2p.pubsub.score;

/**
 * Score thresholds of gossipsub v1.1; defaults as js-libp2p.
 *
 * @param gossipThreshold below it a peer gets no gossip and its gossip is ignored
 * @param publishThreshold below it our own messages are not published to the peer
 * @param graylistThreshold below it every RPC of the peer is ignored
 * @param acceptPxThreshold peer exchange is accepted only from peers at or above it
 * @param opportunisticGraftThreshold a mesh whose median score is below it gets better peers
 */
public record PeerScoreThresholds(double gossipThreshold, double publishThreshold,
    double graylistThreshold, double acceptPxThreshold, double opportunisticGraftThreshold) {

  public PeerScoreThresholds {
    if (gossipThreshold > 0 || publishThreshold > gossipThreshold
        || graylistThreshold > publishThreshold) {
      throw new IllegalArgumentException("thresholds must satisfy 0 >= gossip (" + gossipThreshold
          + ") >= publish (" + publishThreshold + ") >= graylist (" + graylistThreshold + ")");
    }
    if (acceptPxThreshold < 0 || opportunisticGraftThreshold < 0) {
      throw new IllegalArgumentException(
          "acceptPxThreshold and opportunisticGraftThreshold must be >= 0");
    }
  }

  public static PeerScoreThresholds defaults() {
    return new PeerScoreThresholds(-10, -50, -80, 10, 20);
  }
}
