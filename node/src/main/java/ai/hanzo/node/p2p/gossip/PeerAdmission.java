package ai.hanzo.node.p2p.gossip;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Whether the messages of a peer count at all, asked for every message on the node's topics once its payload
 * passed its checks (with {@code --require-stake}: the peer's PeerId must be bound to an operator holding the
 * registry's minimum stake). Called on the gossip router's thread: an answer not at hand is given later through the
 * returned stage, never by blocking.
 */
@FunctionalInterface
public interface PeerAdmission {
  /** Every peer is admitted: the node requires no stake. */
  PeerAdmission OPEN = (topic, peerId, claimedOperator) -> CompletableFuture.completedFuture(Optional.empty());

  /**
   * @param topic the topic the message came on, for the count of what was ignored
   * @param peerId the peer that signed the message
   * @param claimedOperator the operator its heartbeat claims; empty on the other topics
   * @return empty when admitted, else why not (a short label such as {@code no_binding})
   */
  CompletionStage<Optional<String>> admit(String topic, String peerId, String claimedOperator);
}
