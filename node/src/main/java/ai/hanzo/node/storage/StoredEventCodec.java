package ai.hanzo.node.storage;

/** Schema version 1 of {@link StoredEvent}. */
final class StoredEventCodec implements RecordCodec<StoredEvent> {
  private static final int VERSION = 1;

  @Override
  public byte[] encode(StoredEvent event) {
    return new RecordWriter(VERSION)
        .writeInstant(event.timestamp())
        .writeString(event.type())
        .writeString(event.resourceType())
        .writeString(event.resourceId())
        .writeString(event.message())
        .writeStringMap(event.attributes())
        .toByteArray();
  }

  @Override
  public StoredEvent decode(byte[] bytes) {
    RecordReader in = RecordReader.open(bytes, "event", VERSION);
    StoredEvent event =
        new StoredEvent(
            in.readInstant(),
            in.readString(),
            in.readString(),
            in.readString(),
            in.readString(),
            in.readStringMap());
    in.finish();
    return event;
  }
}
