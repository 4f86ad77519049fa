package ai.hanzo.libp2p.crypto;

/** Key algorithms of the libp2p key envelope, numbered as in {@code keys.proto}. */
public enum KeyType {
  RSA(0),
  ED25519(1),
  SECP256K1(2),
  ECDSA(3);

  private final int number;

  KeyType(int number) {
    this.number = number;
  }

  public int number() {
    return number;
  }
}
