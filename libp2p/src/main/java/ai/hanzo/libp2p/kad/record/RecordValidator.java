package ai.hanzo.libp2p.kad.record;

import java.util.List;

/** The rules of one key namespace: which values are valid, and which of several wins. */
public interface RecordValidator {
  /** Fails when {@code value} may not be stored under {@code key}. */
  void validate(byte[] key, byte[] value) throws InvalidRecordException;

  /** The index of the best of {@code values} (all valid, at least one). */
  int select(byte[] key, List<byte[]> values);
}
