package ai.hanzo.libp2p.noise;

import ai.hanzo.libp2p.crypto.PrivateKey;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a Noise handshake needs from its owner.
 *
 * @param identity the libp2p identity key that signs our static Noise key
 * @param earlyMuxers stream muxers to offer in the handshake payload; empty leaves the choice to
 *     multistream-select after Noise
 * @param handshakeTimeout how long a peer may take to finish the handshake
 * @param ciphers where ChaCha20-Poly1305 ciphers come from
 */
public record NoiseConfig(
    PrivateKey identity, List<String> earlyMuxers, Duration handshakeTimeout,
    AeadCipherFactory ciphers) {
  public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

  public NoiseConfig {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(ciphers, "ciphers");
    earlyMuxers = List.copyOf(earlyMuxers);
    if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
      throw new IllegalArgumentException("handshake timeout must be positive: " + handshakeTimeout);
    }
  }

  /** No early muxers, a 10 s timeout, and Conscrypt where it loads. */
  public static NoiseConfig of(PrivateKey identity) {
    return new NoiseConfig(identity, List.of(), DEFAULT_HANDSHAKE_TIMEOUT,
        AeadCipherFactory.preferConscrypt());
  }

  public NoiseConfig withEarlyMuxers(List<String> muxers) {
    return new NoiseConfig(identity, muxers, handshakeTimeout, ciphers);
  }

  public NoiseConfig withHandshakeTimeout(Duration timeout) {
    return new NoiseConfig(identity, earlyMuxers, timeout, ciphers);
  }

  public NoiseConfig withCiphers(AeadCipherFactory factory) {
    return new NoiseConfig(identity, earlyMuxers, handshakeTimeout, factory);
  }
}
