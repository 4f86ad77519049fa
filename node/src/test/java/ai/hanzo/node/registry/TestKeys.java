package ai.hanzo.node.registry;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;

/** A real Ed25519 key pair, as a registering node would hold. */
public record TestKeys(Ed25519PrivateKey key) {
  public static TestKeys generate() {
    return new TestKeys(Ed25519PrivateKey.generate());
  }

  /** The raw 32-byte public key. */
  public byte[] raw() {
    return key.publicKey().raw();
  }

  /** The public key as the libp2p PublicKey protobuf. */
  public byte[] libp2p() {
    return key.publicKey().marshal();
  }

  public byte[] sign(byte[] message) {
    return key.sign(message);
  }
}
