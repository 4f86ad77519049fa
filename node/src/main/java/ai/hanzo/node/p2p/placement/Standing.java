package ai.hanzo.node.p2p.placement;

import java.util.OptionalDouble;

/**
 * What this node knows of a candidate's operator and service record, beyond its heartbeat: whether the chain's
 * registry binds its PeerId to an operator holding the minimum stake (from the node's stake cache; never looked up
 * during a placement) and its QoS score (the composite of the challenges this node ran or heard of, 0 to 1).
 *
 * @param qosScore empty when this node has no QoS record of the peer
 * @param qosBanned the QoS rules banned the peer for failed challenges
 */
public record Standing(Stake stake, OptionalDouble qosScore, boolean qosBanned) {
  /** Nothing known: no chain, no QoS (every candidate of a node without them). */
  public static final Standing UNKNOWN = new Standing(Stake.UNKNOWN, OptionalDouble.empty(), false);

  /** What the stake cache says of the peer. */
  public enum Stake {
    /** No registry configured, or the peer was never looked up. */
    UNKNOWN,
    STAKED,
    /** Bound to no operator, or to one below the minimum stake. */
    NOT_STAKED
  }

  /** The score ranking compares, in tenths: an unscored peer counts as fully scored (nothing against it). */
  int scoreTenths() {
    return (int) Math.round(qosScore.orElse(1.0) * 10);
  }
}
