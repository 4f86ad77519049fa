package ai.hanzo.node.qos;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.peer.PeerId;
import java.util.Random;

/** Deterministic Ed25519 identities for the qos tests. */
final class QosKeys {
  private QosKeys() {}

  static Ed25519PrivateKey key(long seed) {
    byte[] bytes = new byte[Ed25519PrivateKey.SEED_LENGTH];
    new Random(seed).nextBytes(bytes);
    return Ed25519PrivateKey.fromSeed(bytes);
  }

  static String peer(Ed25519PrivateKey key) {
    return PeerId.fromPublicKey(key.publicKey()).toString();
  }
}
