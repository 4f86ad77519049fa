package ai.hanzo.node.storage;

import java.util.Base64;

/** Schema version 1 of {@link ApiKeyRecord}. */
final class ApiKeyRecordCodec implements RecordCodec<ApiKeyRecord> {
  private static final int VERSION = 1;

  @Override
  public byte[] encode(ApiKeyRecord record) {
    return new RecordWriter(VERSION)
        .writeString(record.id())
        .writeString(record.name())
        .writeString(record.role())
        .writeNullableString(record.org())
        .writeString(Base64.getEncoder().encodeToString(record.secretHash()))
        .writeInstant(record.createdAt())
        .writeNullableInstant(record.expiresAt())
        .writeStringList(record.allowedCidrs())
        .writeNullableInt(record.requestsPerMinute())
        .writeByte(record.active() ? 1 : 0)
        .toByteArray();
  }

  @Override
  public ApiKeyRecord decode(byte[] bytes) {
    RecordReader in = RecordReader.open(bytes, "api key", VERSION);
    ApiKeyRecord record =
        new ApiKeyRecord(
            in.readKey(),
            in.readString(),
            in.readKey(),
            in.readNullableString(),
            decodeHash(in),
            in.readInstant(),
            in.readNullableInstant(),
            in.readStringList(),
            in.readNullableInt(),
            in.readPresence());
    in.finish();
    return record;
  }

  private static byte[] decodeHash(RecordReader in) {
    String text = in.readString();
    byte[] hash;
    try {
      hash = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw in.malformed("an api key hash that is not base64");
    }
    if (hash.length != 32) {
      throw in.malformed("an api key hash of " + hash.length + " bytes instead of 32");
    }
    return hash;
  }
}
