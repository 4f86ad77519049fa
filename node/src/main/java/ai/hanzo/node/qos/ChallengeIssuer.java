package ai.hanzo.node.qos;

import ai.hanzo.libp2p.crypto.PrivateKey;
import ai.hanzo.libp2p.peer.PeerId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/** The challenger's side of making a challenge: a fresh id and seed, the deadline, signed with the node's key. */
public final class ChallengeIssuer {
  private final PrivateKey key;
  private final String self;
  private final Clock clock;
  private final RandomGenerator random;

  /** {@code random} must be a SecureRandom outside tests: a predictable seed lets a provider precompute. */
  public ChallengeIssuer(PrivateKey key, Clock clock, RandomGenerator random) {
    this.key = key;
    this.self = PeerId.fromPublicKey(key.publicKey()).toString();
    this.clock = clock;
    this.random = random;
  }

  public String self() {
    return self;
  }

  /**
   * A signed challenge for {@code provider} (a PeerId); refuses a difficulty or window out of range with a {@link
   * MalformedProofException} that says which.
   */
  public SignedChallenge issue(ChallengeType type, String provider, long difficulty, Duration window) {
    return issue(type, provider, difficulty, "", window);
  }

  /** {@link #issue(ChallengeType, String, long, Duration)} naming the model of a model challenge. */
  public SignedChallenge issue(ChallengeType type, String provider, long difficulty, String model,
      Duration window) {
    Instant now = clock.instant();
    Challenge c = new Challenge(hex(QosLimits.ID_CHARS / 2), type, difficulty, self, provider,
        hex(QosLimits.SEED_BYTES), now, now.plus(window), model);
    return SignedChallenge.sign(c, key);
  }

  /**
   * {@code draft} (one of this issuer's, never sent) with the same id and seed but issued now, for {@code window}:
   * a challenger that must work on the seed before it sends the challenge (a model challenge) gives the provider
   * its whole window all the same.
   */
  public SignedChallenge reissue(SignedChallenge draft, Duration window) {
    Challenge d = draft.challenge();
    if (!d.challenger().equals(self)) {
      throw new IllegalArgumentException("challenge " + d.id() + " is not this issuer's");
    }
    Instant now = clock.instant();
    return SignedChallenge.sign(new Challenge(d.id(), d.type(), d.difficulty(), self, d.provider(), d.seedHex(), now,
        now.plus(window), d.model()), key);
  }

  private String hex(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
