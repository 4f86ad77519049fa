package ai.hanzo.node.app;

import ai.hanzo.node.chain.PeerStakes;
import ai.hanzo.node.p2p.gossip.PeerAdmission;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * {@code --require-stake}: a peer's gossip counts only when the registry binds its PeerId to an operator holding
 * the minimum stake (and, on a heartbeat, to the operator it claims). Everything else is ignored and counted in
 * {@code hanzo_p2p_unstaked_ignored_total} by topic and reason ({@code no_binding}, {@code below_min_stake},
 * {@code operator_mismatch}, {@code stake_unknown} while the chain has never answered for the peer).
 */
final class StakeAdmission implements PeerAdmission {
  private final PeerStakes stakes;
  private final MeterRegistry meters;

  StakeAdmission(PeerStakes stakes, MeterRegistry meters) {
    this.stakes = stakes;
    this.meters = meters;
  }

  @Override
  public CompletionStage<Optional<String>> admit(String topic, String peerId, String claimedOperator) {
    return stakes.lookup(peerId).thenApply(stake -> {
      Optional<String> refusal = stake.refusal(claimedOperator);
      refusal.ifPresent(reason -> ignored(topic, reason).increment());
      return refusal;
    });
  }

  private Counter ignored(String topic, String reason) {
    return Counter.builder("hanzo.p2p.unstaked.ignored").tag("topic", topic).tag("reason", reason)
        .description("Gossip messages ignored under --require-stake because the signing peer is not staked")
        .register(meters);
  }
}
