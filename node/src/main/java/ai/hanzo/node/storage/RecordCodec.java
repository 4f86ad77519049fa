package ai.hanzo.node.storage;

/** Turns one record type into stored bytes and back; implementations are stateless. */
interface RecordCodec<T> {
  byte[] encode(T value);

  /**
   * @throws MalformedRecordException if the bytes are not a value of this codec's schema
   */
  T decode(byte[] bytes);
}
