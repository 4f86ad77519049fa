package ai.hanzo.libp2p.kad.record;

import ai.hanzo.libp2p.peer.PeerId;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Namespace {@code /signed/}: key {@code /signed/<peer id>/<name>}, value a {@link SignedValue}
 * whose key derives to that peer id and whose signature covers the record key. Only the owner
 * can write its names; the highest sequence number wins.
 */
public final class SignedValueValidator implements RecordValidator {
  public static final String NAMESPACE = "signed";
  private static final String PREFIX = "/" + NAMESPACE + "/";

  @Override
  public void validate(byte[] key, byte[] value) throws InvalidRecordException {
    PeerId owner = owner(key);
    SignedValue signed = SignedValue.decode(value);
    if (!owner.matches(signed.publicKey())) {
      throw new InvalidRecordException("signed value is signed by a key that is not " + owner
          + "'s, who owns the record key");
    }
    if (!signed.verify(key)) {
      throw new InvalidRecordException("signed value has a bad signature");
    }
  }

  @Override
  public int select(byte[] key, List<byte[]> values) {
    int best = -1;
    long bestSequence = 0;
    for (int i = 0; i < values.size(); i++) {
      long sequence;
      try {
        sequence = SignedValue.decode(values.get(i)).sequence();
      } catch (InvalidRecordException e) {
        continue;
      }
      if (best < 0 || Long.compareUnsigned(sequence, bestSequence) > 0) {
        best = i;
        bestSequence = sequence;
      }
    }
    return Math.max(best, 0);
  }

  private static PeerId owner(byte[] key) throws InvalidRecordException {
    String text = new String(key, StandardCharsets.UTF_8);
    int end = text.indexOf('/', PREFIX.length());
    if (!text.startsWith(PREFIX) || end < 0 || end == text.length() - 1) {
      throw new InvalidRecordException(
          "a signed record key must look like /signed/<peer id>/<name>, got '" + text + "'");
    }
    try {
      return PeerId.parse(text.substring(PREFIX.length(), end));
    } catch (IllegalArgumentException e) {
      throw new InvalidRecordException("signed record key names no valid peer id: "
          + e.getMessage());
    }
  }
}
