package ai.hanzo.node.app;

import ai.hanzo.node.p2p.qos.QosPeerProtocol;
import ai.hanzo.node.chain.PeerStake;
import ai.hanzo.node.chain.PeerStakes;
import ai.hanzo.node.p2p.P2pNode;
import ai.hanzo.node.p2p.placement.Standing;
import ai.hanzo.node.qos.ProviderState;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * A placement candidate's {@link Standing} from what this node already holds: the stake cache (peers are looked up
 * when their gossip arrives, so a heartbeat sender is known; a placement never waits for the chain) and the QoS
 * state of the peer (its composite score and whether it is banned).
 */
final class PeerStanding implements Function<String, Standing> {
  private final PeerStakes stakes;
  private final P2pNode p2p;
  private final Clock clock;

  /** @param stakes null without a registry: every stake is unknown */
  PeerStanding(PeerStakes stakes, P2pNode p2p, Clock clock) {
    this.stakes = stakes;
    this.p2p = p2p;
    this.clock = clock;
  }

  @Override
  public Standing apply(String peerId) {
    Standing.Stake stake = Standing.Stake.UNKNOWN;
    if (stakes != null) {
      Optional<PeerStake> cached = stakes.cached(peerId);
      if (cached.isPresent() && cached.get().answered()) {
        stake = cached.get().staked() ? Standing.Stake.STAKED : Standing.Stake.NOT_STAKED;
      }
    }
    Optional<ProviderState> qos = p2p.protocols().find(QosPeerProtocol.class)
        .flatMap(q -> Optional.ofNullable(q.service())).flatMap(q -> q.state(peerId));
    return new Standing(stake, qos.map(s -> OptionalDouble.of(s.composite())).orElse(OptionalDouble.empty()),
        qos.map(s -> s.bannedAt(clock.instant())).orElse(false));
  }
}
