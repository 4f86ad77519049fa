package ai.hanzo.libp2p.crypto;

/** A libp2p private key that can sign. {@link #toString()} never reveals key material. */
public abstract class PrivateKey {
  public abstract KeyType type();

  /** The {@code Data} field of the envelope: the key in its algorithm's own encoding. */
  public abstract byte[] raw();

  public abstract PublicKey publicKey();

  public abstract byte[] sign(byte[] data);

  /** The protobuf {@code PrivateKey} envelope. */
  public byte[] marshal() {
    return KeyEnvelope.marshalPrivate(this);
  }

  /**
   * Decodes a protobuf {@code PrivateKey} envelope.
   *
   * @throws KeyFormatException when the envelope or the key inside it is malformed
   */
  public static PrivateKey unmarshal(byte[] bytes) {
    return KeyEnvelope.unmarshalPrivate(bytes);
  }

  @Override
  public String toString() {
    return type() + " private key";
  }
}
