package ai.hanzo.libp2p.crypto;

import java.util.Arrays;

/**
 * A libp2p public key. Equality is on the marshalled envelope, which is also what a peer id is
 * derived from.
 */
public abstract class PublicKey {
  public abstract KeyType type();

  /** The {@code Data} field of the envelope: the key in its algorithm's own encoding. */
  public abstract byte[] raw();

  /** True when {@code signature} is a valid signature of {@code data}; never throws on bad input. */
  public abstract boolean verify(byte[] data, byte[] signature);

  /** The protobuf {@code PublicKey} envelope. */
  public byte[] marshal() {
    return KeyEnvelope.marshalPublic(this);
  }

  /**
   * Decodes a protobuf {@code PublicKey} envelope.
   *
   * @throws KeyFormatException when the envelope or the key inside it is malformed
   */
  public static PublicKey unmarshal(byte[] bytes) {
    return KeyEnvelope.unmarshalPublic(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PublicKey other && type() == other.type()
        && Arrays.equals(raw(), other.raw());
  }

  @Override
  public int hashCode() {
    return 31 * type().hashCode() + Arrays.hashCode(raw());
  }

  @Override
  public String toString() {
    return type() + " public key";
  }
}
