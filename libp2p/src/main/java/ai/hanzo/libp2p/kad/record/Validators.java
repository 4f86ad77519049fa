package ai.hanzo.libp2p.kad.record;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Validators by namespace: a key {@code /ns/rest} belongs to namespace {@code ns}. Keys outside
 * every registered namespace are refused, as in go and js, so a DHT node cannot be used as free
 * storage for arbitrary data.
 */
public final class Validators {
  private final Map<String, RecordValidator> byNamespace;

  public Validators(Map<String, RecordValidator> byNamespace) {
    this.byNamespace = Map.copyOf(byNamespace);
  }

  /** {@code /pk/} and {@code /signed/}. */
  public static Validators defaults() {
    return new Validators(Map.of(PublicKeyValidator.NAMESPACE, new PublicKeyValidator(),
        SignedValueValidator.NAMESPACE, new SignedValueValidator()));
  }

  public void validate(byte[] key, byte[] value) throws InvalidRecordException {
    validatorFor(key).validate(key, value);
  }

  public int select(byte[] key, List<byte[]> values) throws InvalidRecordException {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("nothing to select from");
    }
    return validatorFor(key).select(key, values);
  }

  private RecordValidator validatorFor(byte[] key) throws InvalidRecordException {
    String ns = namespace(key);
    RecordValidator v = byNamespace.get(ns);
    if (v == null) {
      throw new InvalidRecordException("no validator for namespace '" + ns
          + "' (known: " + byNamespace.keySet() + ")");
    }
    return v;
  }

  /** The text between the first two slashes, or empty when the key has no such prefix. */
  static String namespace(byte[] key) {
    if (key.length < 2 || key[0] != '/') {
      return "";
    }
    for (int i = 1; i < key.length; i++) {
      if (key[i] == '/') {
        return new String(key, 1, i - 1, StandardCharsets.ISO_8859_1);
      }
    }
    return "";
  }
}
