package ai.hanzo.libp2p.yamux;

import static ai.hanzo.libp2p.yamux.FrameHeader.FLAG_SYN;
import static ai.hanzo.libp2p.yamux.FrameHeader.TYPE_DATA;
import static ai.hanzo.libp2p.yamux.FrameHeader.TYPE_WINDOW_UPDATE;
import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.StreamHandler;
import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;

/**
 * A read asked for while a delivery is under way (as a protocol handler attached by multistream negotiation asks
 * for one from its onActive, inside the negotiation handler's onData) must still be pending when that delivery
 * ends: the next data that arrives is delivered without another read().
 */
class YamuxReadDuringDeliveryTest {

  /** Stands in for multistream negotiation: on its first data it hands the stream to the protocol's handler. */
  private static final class Negotiating implements StreamHandler {
    private final StreamHandler next;

    Negotiating(StreamHandler next) {
      this.next = next;
    }

    @Override
    public void onData(MuxedStream stream, ByteBuf data) {
      data.release();
      stream.setHandler(next);
    }
  }

  /** A protocol handler with auto-read off that asks for its first read as it becomes active. */
  private static final class ReadsWhenActive extends RecordingHandler {
    @Override
    public void onActive(MuxedStream stream) {
      super.onActive(stream);
      stream.setAutoRead(false);
      stream.read();
    }
  }

  @Test
  void readAskedForDuringADeliveryIsKeptForTheNextData() {
    EmbeddedYamux yamux = EmbeddedYamux.responder();
    yamux.receive(TYPE_WINDOW_UPDATE, FLAG_SYN, 1, 0, null);
    ReadsWhenActive protocol = new ReadsWhenActive();
    yamux.accepted.get(0).setHandler(new Negotiating(protocol));

    yamux.receive(TYPE_DATA, 0, 1, 3, "neg".getBytes());
    assertThat(protocol.actives).hasValue(1);
    yamux.receive(TYPE_DATA, 0, 1, 5, "hello".getBytes());

    assertThat(protocol.text()).isEqualTo("hello");
  }

  @Test
  void aReadIsStillUsedUpByTheDataItDelivered() {
    EmbeddedYamux yamux = EmbeddedYamux.responder();
    yamux.receive(TYPE_WINDOW_UPDATE, FLAG_SYN, 1, 0, null);
    RecordingHandler handler = new RecordingHandler();
    MuxedStream stream = yamux.accepted.get(0);
    stream.setHandler(handler);
    stream.setAutoRead(false);

    stream.read();
    yamux.receive(TYPE_DATA, 0, 1, 3, "one".getBytes());
    yamux.receive(TYPE_DATA, 0, 1, 3, "two".getBytes());

    assertThat(handler.text()).isEqualTo("one");
    stream.read();
    assertThat(handler.text()).isEqualTo("onetwo");
  }
}
