package ai.hanzo.node.registry;

import ai.hanzo.node.error.NodeException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * Ed25519 public keys as registering nodes send them: either the raw 32 bytes or the libp2p {@code PublicKey}
 * protobuf ({@code 08 01} = KeyType Ed25519, {@code 12 20} = 32 data bytes). Verification uses the JDK provider.
 */
public final class Ed25519Keys {
  public static final int KEY_LENGTH = 32;
  private static final byte[] LIBP2P_PREFIX = {0x08, 0x01, 0x12, 0x20};
  // The fixed DER SubjectPublicKeyInfo header of an Ed25519 key (RFC 8410), followed by the 32 key bytes.
  private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

  private Ed25519Keys() {}

  /** The raw 32-byte key, or INVALID_ARGUMENT naming {@code field} and the accepted forms. */
  public static byte[] decode(byte[] encoded, String field) {
    if (encoded == null || encoded.length == 0) {
      throw NodeException.invalidField(field, "is required (an Ed25519 public key)");
    }
    if (encoded.length == KEY_LENGTH) {
      return encoded.clone();
    }
    if (encoded.length == LIBP2P_PREFIX.length + KEY_LENGTH
        && Arrays.equals(encoded, 0, LIBP2P_PREFIX.length, LIBP2P_PREFIX, 0, LIBP2P_PREFIX.length)) {
      return Arrays.copyOfRange(encoded, LIBP2P_PREFIX.length, encoded.length);
    }
    throw NodeException.invalidField(field, "expected an Ed25519 key as 32 raw bytes or as a libp2p PublicKey"
        + " protobuf (08 01 12 20 + 32 bytes), got " + encoded.length + " bytes");
  }

  /** The libp2p protobuf form of a raw key (what a PeerId is derived from). */
  public static byte[] libp2pForm(byte[] raw) {
    byte[] out = Arrays.copyOf(LIBP2P_PREFIX, LIBP2P_PREFIX.length + KEY_LENGTH);
    System.arraycopy(raw, 0, out, LIBP2P_PREFIX.length, KEY_LENGTH);
    return out;
  }

  /** True only for a valid signature by {@code raw} over {@code message}; malformed input is simply false. */
  public static boolean verify(byte[] raw, byte[] message, byte[] signature) {
    if (raw.length != KEY_LENGTH || signature == null || signature.length != 64) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(toPublicKey(raw));
      verifier.update(message);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      // An off-curve key or a signature that does not decode is not a proof of anything.
      return false;
    }
  }

  private static PublicKey toPublicKey(byte[] raw) throws GeneralSecurityException {
    byte[] der = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + KEY_LENGTH);
    System.arraycopy(raw, 0, der, SPKI_PREFIX.length, KEY_LENGTH);
    return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
  }
}
