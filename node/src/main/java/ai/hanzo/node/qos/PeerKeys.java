package ai.hanzo.node.qos;

import ai.hanzo.libp2p.crypto.KeyType;
import ai.hanzo.libp2p.crypto.PublicKey;
import ai.hanzo.libp2p.peer.PeerId;
import java.util.Optional;

/**
 * The Ed25519 public key a PeerId embeds: what makes a proof checkable from its bytes alone, with no key
 * directory. PeerIds of other key types (hashed RSA keys, secp256k1) are refused: challenges and proofs are
 * Ed25519, like the node identity.
 */
final class PeerKeys {
  private PeerKeys() {}

  static PublicKey ed25519Of(String field, String peerId) {
    Optional<PublicKey> embedded;
    try {
      embedded = PeerId.parse(peerId).publicKey();
    } catch (RuntimeException e) {
      // A malformed id or key inside it: both parsers throw on bad input, this one names the field instead.
      throw new MalformedProofException(field + " '" + clip(peerId) + "' is not a PeerId: " + e.getMessage());
    }
    PublicKey key = embedded.orElseThrow(() -> new MalformedProofException(
        field + " " + peerId + " does not embed its public key"));
    if (key.type() != KeyType.ED25519) {
      throw new MalformedProofException(field + " " + peerId + " is a " + key.type() + " key, not Ed25519");
    }
    return key;
  }

  static String clip(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "...";
  }
}
