package ai.hanzo.libp2p.yamux;

import io.netty.util.collection.LongObjectHashMap;
import java.util.ArrayList;
import java.util.List;

/** Open streams by id, counted per direction, and the id this side uses next (odd or even). */
final class StreamTable {
  private final LongObjectHashMap<YamuxStream> streams = new LongObjectHashMap<>();
  private final boolean initiator;
  private long nextOutboundId;
  private int inbound;
  private int outbound;

  StreamTable(boolean initiator) {
    this.initiator = initiator;
    this.nextOutboundId = initiator ? 1 : 2;
  }

  /** The id for the next outbound stream, or -1 once the 32-bit id space is used up. */
  long takeOutboundId() {
    if (nextOutboundId > FrameHeader.MAX_U32) {
      return -1;
    }
    long id = nextOutboundId;
    nextOutboundId += 2;
    return id;
  }

  /** True when {@code id} has the parity of the remote's streams. */
  boolean isRemoteId(long id) {
    return (id % 2 == 1) != initiator;
  }

  void add(YamuxStream stream) {
    streams.put(stream.id(), stream);
    if (stream.isInitiator()) {
      outbound++;
    } else {
      inbound++;
    }
  }

  void remove(YamuxStream stream) {
    if (streams.remove(stream.id()) != null) {
      if (stream.isInitiator()) {
        outbound--;
      } else {
        inbound--;
      }
    }
  }

  YamuxStream get(long id) {
    return streams.get(id);
  }

  boolean contains(long id) {
    return streams.containsKey(id);
  }

  int inbound() {
    return inbound;
  }

  int outbound() {
    return outbound;
  }

  int size() {
    return streams.size();
  }

  /** A copy, safe to iterate while streams close. */
  List<YamuxStream> snapshot() {
    return new ArrayList<>(streams.values());
  }
}
