package ai.hanzo.libp2p.kad.record;

import ai.hanzo.libp2p.crypto.PublicKey;
import ai.hanzo.libp2p.peer.PeerId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Namespace {@code /pk/}: key {@code /pk/<peer id multihash>}, value the peer's marshalled public
 * key, which must derive to that peer id. All valid values are the same key, so any wins.
 */
public final class PublicKeyValidator implements RecordValidator {
  public static final String NAMESPACE = "pk";
  private static final byte[] PREFIX = "/pk/".getBytes(StandardCharsets.US_ASCII);

  public static byte[] keyFor(PeerId peer) {
    byte[] id = peer.toBytes();
    byte[] key = Arrays.copyOf(PREFIX, PREFIX.length + id.length);
    System.arraycopy(id, 0, key, PREFIX.length, id.length);
    return key;
  }

  @Override
  public void validate(byte[] key, byte[] value) throws InvalidRecordException {
    if (key.length <= PREFIX.length
        || !Arrays.equals(key, 0, PREFIX.length, PREFIX, 0, PREFIX.length)) {
      throw new InvalidRecordException("a public key record key must start with /pk/");
    }
    PeerId owner;
    PublicKey publicKey;
    try {
      owner = PeerId.fromBytes(Arrays.copyOfRange(key, PREFIX.length, key.length));
      publicKey = PublicKey.unmarshal(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidRecordException("malformed public key record: " + e.getMessage());
    }
    if (!owner.matches(publicKey)) {
      throw new InvalidRecordException("public key does not hash to the key's peer id " + owner);
    }
  }

  @Override
  public int select(byte[] key, List<byte[]> values) {
    return 0;
  }
}
