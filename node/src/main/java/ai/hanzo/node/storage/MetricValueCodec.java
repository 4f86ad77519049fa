package ai.hanzo.node.storage;

import java.nio.ByteBuffer;

/** A metric value: schema-version byte 1, then the IEEE 754 double. */
final class MetricValueCodec {
  private static final int VERSION = 1;
  private static final int SIZE = 1 + Double.BYTES;

  private MetricValueCodec() {}

  static byte[] encode(double value) {
    return ByteBuffer.allocate(SIZE).put((byte) VERSION).putDouble(value).array();
  }

  static double decode(byte[] bytes) {
    if (bytes.length > 0 && (bytes[0] & 0xff) > VERSION) {
      throw MalformedRecordException.newerVersion("metric value", bytes[0] & 0xff, VERSION);
    }
    if (bytes.length != SIZE || bytes[0] != VERSION) {
      throw new MalformedRecordException(
          "metric value is corrupt: expected " + SIZE + " bytes of version " + VERSION + ", found "
              + bytes.length + " bytes");
    }
    return ByteBuffer.wrap(bytes, 1, Double.BYTES).getDouble();
  }
}
