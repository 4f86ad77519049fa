package ai.hanzo.node.chain;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;

/**
 * What the registry says of one PeerId: the operator it is bound to ({@code operatorOfPeer}) and that operator's
 * stake, as of block {@code checkedAtBlock}.
 *
 * @param operator the bound operator, lower case; empty when the PeerId is bound to none
 * @param stakeWei the bound operator's stake (zero when unbound)
 * @param minStakeWei the registry's minimum stake
 * @param checkedAtBlock the chain head when the answer was read (0 when the head was not known yet)
 * @param checkedAt when it was read, or last tried
 * @param answered the chain answered for this PeerId at least once (the values are its last answer)
 * @param problem why the last attempt to read it failed: the values are then the last known ones (stale), or
 *     unknown (zero, unbound) when there never was an answer
 */
public record PeerStake(String peerId, String operator, BigInteger stakeWei, BigInteger minStakeWei,
    long checkedAtBlock, Instant checkedAt, boolean answered, Optional<String> problem) {

  /** Nothing known about {@code peerId} because the chain could not be asked. */
  static PeerStake unknown(String peerId, Instant at, String problem) {
    return new PeerStake(peerId, "", BigInteger.ZERO, BigInteger.ZERO, 0, at, false, Optional.of(problem));
  }

  public boolean bound() {
    return !operator.isEmpty();
  }

  public boolean stale() {
    return problem.isPresent();
  }

  /** Bound, and the operator holds at least the minimum stake. */
  public boolean staked() {
    return bound() && stakeWei.compareTo(minStakeWei) >= 0;
  }

  /**
   * Staked, and the operator the peer claims (if it claims one) is the one the registry binds it to: a peer
   * claiming another operator's address is not staked, whatever that operator holds.
   */
  public boolean stakedAs(String claimedOperator) {
    return staked() && (claimedOperator.isEmpty() || claimedOperator.equalsIgnoreCase(operator));
  }

  /** Why a peer is not {@link #stakedAs staked as it claims}: a short label for counters, or empty when it is. */
  public Optional<String> refusal(String claimedOperator) {
    if (!answered) {
      return Optional.of("stake_unknown");
    }
    if (!bound()) {
      return Optional.of("no_binding");
    }
    if (!claimedOperator.isEmpty() && !claimedOperator.equalsIgnoreCase(operator)) {
      return Optional.of("operator_mismatch");
    }
    if (!staked()) {
      return Optional.of("below_min_stake");
    }
    return Optional.empty();
  }

  /** The same answer, now known to be stale for {@code why}. */
  PeerStake stale(Instant at, String why) {
    return new PeerStake(peerId, operator, stakeWei, minStakeWei, checkedAtBlock, at, answered, Optional.of(why));
  }
}
