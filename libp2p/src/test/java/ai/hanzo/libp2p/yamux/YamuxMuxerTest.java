package ai.hanzo.libp2p.yamux;

import static ai.hanzo.libp2p.yamux.FrameHeader.FLAG_ACK;
import static ai.hanzo.libp2p.yamux.FrameHeader.FLAG_FIN;
import static ai.hanzo.libp2p.yamux.FrameHeader.FLAG_RST;
import static ai.hanzo.libp2p.yamux.FrameHeader.FLAG_SYN;
import static ai.hanzo.libp2p.yamux.FrameHeader.TYPE_DATA;
import static ai.hanzo.libp2p.yamux.FrameHeader.TYPE_GO_AWAY;
import static ai.hanzo.libp2p.yamux.FrameHeader.TYPE_PING;
import static ai.hanzo.libp2p.yamux.FrameHeader.TYPE_WINDOW_UPDATE;
import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.MuxerClosedException;
import ai.hanzo.libp2p.mux.StreamLimitExceededException;
import ai.hanzo.libp2p.mux.StreamResetException;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class YamuxMuxerTest {
  private static final int WINDOW = YamuxConfig.INITIAL_WINDOW;

  private static FrameHeader goAway(long code) {
    return new FrameHeader(TYPE_GO_AWAY, 0, 0, code);
  }

  private static void assertProtocolError(EmbeddedYamux yamux) {
    assertThat(yamux.sent()).contains(goAway(GoAwayCode.PROTOCOL_ERROR));
    assertThat(yamux.channel.isOpen()).isFalse();
  }

  @Test
  void acceptsInboundStreamWithAckAndDeliversData() {
    EmbeddedYamux yamux = EmbeddedYamux.responder();
    RecordingHandler handler = new RecordingHandler();

    yamux.receive(TYPE_WINDOW_UPDATE, FLAG_SYN, 1, 0, null);
    yamux.accepted.get(0).setHandler(handler);
    yamux.receive(TYPE_DATA, 0, 1, 5, "hello".getBytes());

    assertThat(yamux.sent()).containsExactly(new FrameHeader(TYPE_WINDOW_UPDATE, FLAG_ACK, 1, 0));
    assertThat(handler.text()).isEqualTo("hello");
    assertThat(yamux.accepted.get(0).isInitiator()).isFalse();
  }

  @Test
  void buffersDataUntilAHandlerIsAttached() {
    EmbeddedYamux yamux = EmbeddedYamux.responder();
    yamux.receive(TYPE_DATA, FLAG_SYN, 1, 3, "abc".getBytes());
    RecordingHandler handler = new RecordingHandler();
    yamux.accepted.get(0).setHandler(handler);
    assertThat(handler.text()).isEqualTo("abc");
  }

  @Test
  void outboundStreamsUseOddIdsOnTheInitiator() throws Exception {
    EmbeddedYamux yamux = new EmbeddedYamux(
        YamuxConfig.defaults().withKeepAliveInterval(Duration.ZERO), true);
    MuxedStream first = yamux.muxer.openStream().get();
    MuxedStream second = yamux.muxer.openStream().get();
    assertThat(List.of(first.id(), second.id())).containsExactly(1L, 3L);
    assertThat(yamux.sent()).containsExactly(
        new FrameHeader(TYPE_WINDOW_UPDATE, FLAG_SYN, 1, 0),
        new FrameHeader(TYPE_WINDOW_UPDATE, FLAG_SYN, 3, 0));
  }

  @Test
  void wrongParitySynIsAProtocolError() {
    EmbeddedYamux yamux = EmbeddedYamux.responder();
    yamux.receive(TYPE_WINDOW_UPDATE, FLAG_SYN, 2, 0, null);
    assertProtocolError(yamux);
  }

  @Test
  void dataOnStreamZeroIsAProtocolError() {
    EmbeddedYamux yamux = EmbeddedYamux.responder();
    yamux.receive(TYPE_DATA, 0, 0, 1, new byte[] {1});
    assertProtocolError(yamux);
  }

  @Test
  void pingOnAStreamIsAProtocolError() {
    EmbeddedYamux yamux = EmbeddedYamux.responder();
    yamux.receive(TYPE_PING, FLAG_SYN, 1, 7, null);
    assertProtocolError(yamux);
  }

  @Test
  void versionOtherThanZeroIsAProtocolError() {
    EmbeddedYamux yamux = EmbeddedYamux.responder();
    yamux.receive(EmbeddedYamux.rawHeader(1, TYPE_WINDOW_UPDATE, FLAG_SYN, 1, 0));
    assertProtocolError(yamux);
  }

  @Test
  void dataBeyondTheGrantedWindowIsAProtocolError() {
    EmbeddedYamux yamux = EmbeddedYamux.responder();
    RecordingHandler handler = new RecordingHandler(false);
    yamux.receive(TYPE_WINDOW_UPDATE, FLAG_SYN, 1, 0, null);
    yamux.accepted.get(0).setHandler(handler);
    yamux.accepted.get(0).setAutoRead(false);
    yamux.receive(TYPE_DATA, 0, 1, WINDOW, new byte[WINDOW]);
    assertThat(yamux.channel.isOpen()).isTrue();

    yamux.receive(TYPE_DATA, 0, 1, 1, new byte[1]);

    assertProtocolError(yamux);
    assertThat(handler.resets).hasValue(1);
    assertThat(handler.closes).hasValue(1);
  }

  @Test
  void oversizedDataFrameIsRefusedBeforeItsPayloadArrives() {
    EmbeddedYamux yamux = EmbeddedYamux.responder();
    yamux.receive(EmbeddedYamux.rawHeader(0, TYPE_DATA, 0, 1, 0xFFFF_FFFFL));
    assertProtocolError(yamux);
  }

  @Test
  void synBeyondTheInboundLimitIsReset() {
    EmbeddedYamux yamux = new EmbeddedYamux(YamuxConfig.defaults()
        .withKeepAliveInterval(Duration.ZERO).withStreamLimits(2, 2), false);
    yamux.receive(TYPE_WINDOW_UPDATE, FLAG_SYN, 1, 0, null);
    yamux.receive(TYPE_WINDOW_UPDATE, FLAG_SYN, 3, 0, null);
    yamux.receive(TYPE_DATA, FLAG_SYN, 5, 2, new byte[] {1, 2});

    assertThat(yamux.accepted).hasSize(2);
    assertThat(yamux.sent()).endsWith(new FrameHeader(TYPE_WINDOW_UPDATE, FLAG_RST, 5, 0));
    assertThat(yamux.channel.isOpen()).isTrue();

    yamux.accepted.get(0).reset();
    yamux.receive(TYPE_WINDOW_UPDATE, FLAG_SYN, 7, 0, null);
    assertThat(yamux.accepted).hasSize(3);
  }

  @Test
  void outboundLimitFailsOpenStream() throws Exception {
    EmbeddedYamux yamux = new EmbeddedYamux(YamuxConfig.defaults()
        .withKeepAliveInterval(Duration.ZERO).withStreamLimits(5, 1), true);
    assertThat(yamux.muxer.openStream().get().id()).isEqualTo(1);
    Future<MuxedStream> second = yamux.muxer.openStream();
    assertThat(second.cause()).isInstanceOf(StreamLimitExceededException.class);
  }

  @Test
  void answersPingsWithTheSameOpaqueValue() {
    EmbeddedYamux yamux = EmbeddedYamux.responder();
    yamux.receive(TYPE_PING, FLAG_SYN, 0, 0xCAFE, null);
    assertThat(yamux.sent()).containsExactly(new FrameHeader(TYPE_PING, FLAG_ACK, 0, 0xCAFE));
  }

  @Test
  void unsolicitedPingAckIsAProtocolError() {
    EmbeddedYamux yamux = EmbeddedYamux.responder();
    yamux.receive(TYPE_PING, FLAG_ACK, 0, 42, null);
    assertProtocolError(yamux);
  }

  @Test
  void pingCompletesWhenTheAckArrives() {
    EmbeddedYamux yamux = EmbeddedYamux.responder();
    Future<Duration> rtt = yamux.muxer.ping();
    FrameHeader ping = yamux.sent().get(0);
    assertThat(ping.type()).isEqualTo(TYPE_PING);
    assertThat(ping.flags()).isEqualTo(FLAG_SYN);
    assertThat(rtt.isDone()).isFalse();

    yamux.receive(TYPE_PING, FLAG_ACK, 0, ping.length(), null);

    assertThat(rtt.getNow()).isPositive();
  }

  @Test
  void keepAlivePingsAndClosesWhenUnanswered() {
    EmbeddedYamux yamux = new EmbeddedYamux(
        YamuxConfig.defaults().withKeepAliveInterval(Duration.ofSeconds(5)), false);
    FrameHeader initial = yamux.sent().get(0);
    assertThat(initial.type()).isEqualTo(TYPE_PING);
    yamux.receive(TYPE_PING, FLAG_ACK, 0, initial.length(), null);

    yamux.channel.advanceTimeBy(5, TimeUnit.SECONDS);
    yamux.channel.runScheduledPendingTasks();
    List<FrameHeader> next = yamux.sent();
    assertThat(next).singleElement().extracting(FrameHeader::type).isEqualTo(TYPE_PING);
    assertThat(next.get(0).length()).isNotEqualTo(initial.length());
    yamux.receive(TYPE_PING, FLAG_ACK, 0, next.get(0).length(), null);

    yamux.channel.advanceTimeBy(5, TimeUnit.SECONDS);
    yamux.channel.runScheduledPendingTasks();
    assertThat(yamux.sent()).singleElement().extracting(FrameHeader::type).isEqualTo(TYPE_PING);
    assertThat(yamux.channel.isOpen()).isTrue();

    yamux.channel.advanceTimeBy(5, TimeUnit.SECONDS);
    yamux.channel.runScheduledPendingTasks();
    assertThat(yamux.sent()).contains(goAway(GoAwayCode.INTERNAL_ERROR));
    assertThat(yamux.channel.isOpen()).isFalse();
  }

  @Test
  void creditIsReturnedOnlyForConsumedBytes() {
    EmbeddedYamux yamux = EmbeddedYamux.responder();
    RecordingHandler handler = new RecordingHandler(false);
    yamux.receive(TYPE_WINDOW_UPDATE, FLAG_SYN, 1, 0, null);
    MuxedStream stream = yamux.accepted.get(0);
    stream.setHandler(handler);
    stream.setAutoRead(false);
    yamux.sent();

    yamux.receive(TYPE_DATA, 0, 1, 200_000, new byte[200_000]);
    assertThat(yamux.sent()).isEmpty();
    assertThat(handler.receivedBytes).hasValue(0);

    stream.read();

    assertThat(handler.receivedBytes).hasValue(200_000);
    assertThat(yamux.sent()).containsExactly(
        new FrameHeader(TYPE_WINDOW_UPDATE, 0, 1, 200_000));
  }

  @Test
  void neverSendsBeyondTheRemoteWindow() throws Exception {
    EmbeddedYamux yamux = EmbeddedYamux.responder();
    yamux.receive(TYPE_WINDOW_UPDATE, FLAG_SYN, 1, 0, null);
    MuxedStream stream = yamux.accepted.get(0);
    yamux.sent();

    ChannelFuture write = stream.write(Unpooled.wrappedBuffer(new byte[WINDOW + 1000]));
    long sent = yamux.sent().stream().filter(f -> f.type() == TYPE_DATA)
        .mapToLong(FrameHeader::length).sum();
    assertThat(sent).isEqualTo(WINDOW);
    assertThat(write.isDone()).isFalse();
    assertThat(stream.isWritable()).isTrue();
    assertThat(stream.unsentBytes()).isEqualTo(1000);

    yamux.receive(TYPE_WINDOW_UPDATE, 0, 1, 600, null);
    assertThat(yamux.sent()).containsExactly(new FrameHeader(TYPE_DATA, 0, 1, 600));
    yamux.receive(TYPE_WINDOW_UPDATE, 0, 1, 600, null);
    assertThat(yamux.sent()).containsExactly(new FrameHeader(TYPE_DATA, 0, 1, 400));
    assertThat(write.isSuccess()).isTrue();
  }

  @Test
  void streamTurnsUnwritableAboveTheHighWaterMark() {
    EmbeddedYamux yamux = EmbeddedYamux.responder();
    yamux.receive(TYPE_WINDOW_UPDATE, FLAG_SYN, 1, 0, null);
    MuxedStream stream = yamux.accepted.get(0);
    java.util.concurrent.atomic.AtomicInteger changes = new java.util.concurrent.atomic.AtomicInteger();
    stream.setHandler(new RecordingHandler() {
      @Override
      public void onWritabilityChanged(MuxedStream s) {
        changes.incrementAndGet();
      }
    });
    int highWater = YamuxConfig.defaults().writeHighWaterMark();
    stream.write(Unpooled.wrappedBuffer(new byte[WINDOW + highWater + 1]));
    assertThat(stream.isWritable()).isFalse();
    assertThat(changes).hasValue(1);

    yamux.receive(TYPE_WINDOW_UPDATE, 0, 1, highWater, null);
    assertThat(stream.isWritable()).isTrue();
    assertThat(changes).hasValue(2);
  }

  @Test
  void halfCloseInBothDirectionsClosesTheStreamOnce() throws Exception {
    EmbeddedYamux yamux = EmbeddedYamux.responder();
    RecordingHandler handler = new RecordingHandler();
    yamux.receive(TYPE_WINDOW_UPDATE, FLAG_SYN, 1, 0, null);
    MuxedStream stream = yamux.accepted.get(0);
    stream.setHandler(handler);
    yamux.receive(TYPE_DATA, FLAG_FIN, 1, 2, "hi".getBytes());
    assertThat(handler.remoteCloses).hasValue(1);
    assertThat(handler.closes).hasValue(0);

    stream.write(Unpooled.wrappedBuffer("yo".getBytes()));
    assertThat(stream.closeWrite().isSuccess()).isTrue();

    assertThat(yamux.sent()).endsWith(new FrameHeader(TYPE_DATA, 0, 1, 2),
        new FrameHeader(TYPE_WINDOW_UPDATE, FLAG_FIN, 1, 0));
    assertThat(handler.closes).hasValue(1);
    assertThat(yamux.muxer.openStreams()).isZero();
  }

  @Test
  void remoteResetFailsPendingWritesAndClosesOnce() {
    EmbeddedYamux yamux = EmbeddedYamux.responder();
    RecordingHandler handler = new RecordingHandler();
    yamux.receive(TYPE_WINDOW_UPDATE, FLAG_SYN, 1, 0, null);
    MuxedStream stream = yamux.accepted.get(0);
    stream.setHandler(handler);
    ChannelFuture pending = stream.write(Unpooled.wrappedBuffer(new byte[WINDOW + 1]));

    yamux.receive(TYPE_WINDOW_UPDATE, FLAG_RST, 1, 0, null);

    assertThat(pending.cause()).isInstanceOf(StreamResetException.class);
    assertThat(handler.resets).hasValue(1);
    assertThat(handler.closes).hasValue(1);
    assertThat(stream.write(Unpooled.wrappedBuffer(new byte[1])).cause())
        .isInstanceOf(StreamResetException.class);
    assertThat(yamux.muxer.openStreams()).isZero();
  }

  @Test
  void localResetSendsRst() {
    EmbeddedYamux yamux = EmbeddedYamux.responder();
    RecordingHandler handler = new RecordingHandler();
    yamux.receive(TYPE_WINDOW_UPDATE, FLAG_SYN, 1, 0, null);
    yamux.accepted.get(0).setHandler(handler);
    yamux.sent();
    yamux.accepted.get(0).reset();
    assertThat(yamux.sent()).containsExactly(new FrameHeader(TYPE_WINDOW_UPDATE, FLAG_RST, 1, 0));
    assertThat(handler.closes).hasValue(1);
  }

  @Test
  void remoteGoAwayStopsNewStreamsAndNonZeroResetsAll() throws Exception {
    EmbeddedYamux yamux = new EmbeddedYamux(
        YamuxConfig.defaults().withKeepAliveInterval(Duration.ZERO), true);
    RecordingHandler handler = new RecordingHandler();
    yamux.muxer.openStream().get().setHandler(handler);

    yamux.receive(TYPE_GO_AWAY, 0, 0, GoAwayCode.NORMAL, null);
    assertThat(yamux.muxer.openStream().cause()).isInstanceOf(MuxerClosedException.class);
    assertThat(handler.resets).hasValue(0);

    yamux.receive(TYPE_GO_AWAY, 0, 0, GoAwayCode.INTERNAL_ERROR, null);
    assertThat(handler.resets).hasValue(1);
    assertThat(handler.closes).hasValue(1);
  }

  @Test
  void localGoAwayRefusesInboundStreams() {
    EmbeddedYamux yamux = EmbeddedYamux.responder();
    yamux.muxer.goAway(GoAwayCode.NORMAL);
    yamux.receive(TYPE_WINDOW_UPDATE, FLAG_SYN, 1, 0, null);
    assertThat(yamux.accepted).isEmpty();
    assertThat(yamux.sent()).containsExactly(goAway(GoAwayCode.NORMAL),
        new FrameHeader(TYPE_WINDOW_UPDATE, FLAG_RST, 1, 0));
  }

  @Test
  void closeSendsNormalGoAwayAndResetsStreams() {
    EmbeddedYamux yamux = EmbeddedYamux.responder();
    RecordingHandler handler = new RecordingHandler();
    yamux.receive(TYPE_WINDOW_UPDATE, FLAG_SYN, 1, 0, null);
    yamux.accepted.get(0).setHandler(handler);
    yamux.sent();

    yamux.muxer.close();
    yamux.channel.runPendingTasks();

    assertThat(yamux.sent()).containsExactly(goAway(GoAwayCode.NORMAL));
    assertThat(yamux.channel.isOpen()).isFalse();
    assertThat(yamux.muxer.isClosed()).isTrue();
    assertThat(handler.closes).hasValue(1);
  }

  @Test
  void connectionBufferLimitResetsTheStreamThatWouldPassIt() {
    EmbeddedYamux yamux = new EmbeddedYamux(YamuxConfig.defaults()
        .withKeepAliveInterval(Duration.ZERO).withMaxConnectionBufferedBytes(WINDOW), false);
    RecordingHandler first = new RecordingHandler(false);
    RecordingHandler second = new RecordingHandler(false);
    yamux.receive(TYPE_WINDOW_UPDATE, FLAG_SYN, 1, 0, null);
    yamux.receive(TYPE_WINDOW_UPDATE, FLAG_SYN, 3, 0, null);
    yamux.accepted.get(0).setHandler(first);
    yamux.accepted.get(0).setAutoRead(false);
    yamux.accepted.get(1).setHandler(second);
    yamux.accepted.get(1).setAutoRead(false);
    yamux.sent();

    yamux.receive(TYPE_DATA, 0, 1, 200_000, new byte[200_000]);
    yamux.receive(TYPE_DATA, 0, 3, 100_000, new byte[100_000]);

    assertThat(yamux.sent()).containsExactly(new FrameHeader(TYPE_WINDOW_UPDATE, FLAG_RST, 3, 0));
    assertThat(second.resets).hasValue(1);
    assertThat(first.resets).hasValue(0);
    assertThat(yamux.channel.isOpen()).isTrue();
  }

  @Test
  void replacedHandlerGetsBufferedAndUnconsumedBytesInOrder() {
    EmbeddedYamux yamux = EmbeddedYamux.responder();
    yamux.receive(TYPE_WINDOW_UPDATE, FLAG_SYN, 1, 0, null);
    MuxedStream stream = yamux.accepted.get(0);
    RecordingHandler first = new RecordingHandler();
    stream.setHandler(first);
    stream.setAutoRead(false);
    yamux.receive(TYPE_DATA, 0, 1, 3, "def".getBytes());

    RecordingHandler second = new RecordingHandler();
    stream.setHandler(second, Unpooled.wrappedBuffer("abc".getBytes()));
    assertThat(second.text()).isEqualTo("abc");
    stream.setAutoRead(true);
    assertThat(second.text()).isEqualTo("abcdef");
    assertThat(first.receivedBytes).hasValue(0);
    assertThat(second.actives).hasValue(1);
  }

  @Test
  void handlerAttachedAfterAResetStillLearnsOfIt() {
    EmbeddedYamux yamux = EmbeddedYamux.responder();
    yamux.receive(TYPE_WINDOW_UPDATE, FLAG_SYN, 1, 0, null);
    yamux.receive(TYPE_WINDOW_UPDATE, FLAG_RST, 1, 0, null);
    RecordingHandler late = new RecordingHandler();
    yamux.accepted.get(0).setHandler(late);
    assertThat(late.resets).hasValue(1);
    assertThat(late.closes).hasValue(1);
    assertThat(late.actives).hasValue(0);
  }
}
