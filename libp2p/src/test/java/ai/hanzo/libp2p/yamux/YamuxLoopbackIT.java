package ai.hanzo.libp2p.yamux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.MuxerClosedException;
import ai.hanzo.libp2p.mux.StreamHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class YamuxLoopbackIT {
  private static final YamuxConfig CONFIG =
      YamuxConfig.defaults().withKeepAliveInterval(Duration.ZERO);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  static ByteBuf text(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
  }

  private static Consumer<MuxedStream> attach(StreamHandler handler) {
    return stream -> stream.setHandler(handler);
  }

  @Test
  void opensAcceptsAndCarriesDataBothWays() throws Exception {
    try (YamuxLoopback pair = new YamuxLoopback(CONFIG, s -> s.setHandler(new EchoHandler()))) {
      RecordingHandler echoed = new RecordingHandler();
      MuxedStream stream = pair.open();
      stream.setHandler(echoed);
      stream.write(text("hello yamux"));
      await().atMost(TIMEOUT).until(() -> echoed.text().equals("hello yamux"));
      assertThat(stream.id()).isOdd();

      MuxedStream fromServer = pair.server.openStream().get(5, TimeUnit.SECONDS);
      fromServer.write(text("from the listener"));
      MuxedStream accepted = pair.clientAccepted.poll(5, TimeUnit.SECONDS);
      RecordingHandler received = new RecordingHandler();
      accepted.setHandler(received);
      await().atMost(TIMEOUT).until(() -> received.text().equals("from the listener"));
      assertThat(accepted.id()).isEqualTo(fromServer.id()).isEven();
    }
  }

  @Test
  void hundredParallelStreamsEchoTheirOwnBytes() throws Exception {
    try (YamuxLoopback pair = new YamuxLoopback(CONFIG, s -> s.setHandler(new EchoHandler()))) {
      List<byte[]> payloads = new ArrayList<>();
      List<RecordingHandler> handlers = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        byte[] payload = new byte[100_000];
        new Random(i).nextBytes(payload);
        payloads.add(payload);
        RecordingHandler handler = new RecordingHandler();
        handlers.add(handler);
        MuxedStream stream = pair.open();
        stream.setHandler(handler);
        stream.write(Unpooled.wrappedBuffer(payload));
        stream.closeWrite();
      }
      await().atMost(TIMEOUT).until(() -> handlers.stream().allMatch(h -> h.closes.get() == 1));
      for (int i = 0; i < 100; i++) {
        RecordingHandler handler = handlers.get(i);
        assertThat(handler.bytes()).isEqualTo(payloads.get(i));
        assertThat(handler.remoteCloses).hasValue(1);
        assertThat(handler.resets).hasValue(0);
      }
      await().atMost(TIMEOUT).until(() -> ((YamuxMuxer) pair.server).openStreams() == 0);
      assertThat(((YamuxMuxer) pair.client).openStreams()).isZero();
    }
  }

  @Test
  void slowReaderStopsTheSenderAtTheWindowThenLargeTransferCompletes() throws Exception {
    long total = 64L * 1024 * 1024;
    BlockingQueue<MuxedStream> accepted = new LinkedBlockingQueue<>();
    PatternCheckingHandler receiver = new PatternCheckingHandler();
    try (YamuxLoopback pair = new YamuxLoopback(CONFIG, s -> {
      s.setAutoRead(false);
      s.setHandler(receiver);
      accepted.add(s);
    })) {
      PatternPump pump = new PatternPump(total);
      MuxedStream sender = pair.open();
      sender.setHandler(pump);
      MuxedStream receiving = accepted.poll(5, TimeUnit.SECONDS);

      await().atMost(TIMEOUT).until(() -> !sender.isWritable()
          && pump.handedOver.get() == YamuxConfig.INITIAL_WINDOW);
      // A ping round trip later no window update can still be on its way, so the sender is
      // provably parked at the window.
      pair.client.ping().get(5, TimeUnit.SECONDS);
      assertThat(pump.handedOver.get()).isEqualTo(YamuxConfig.INITIAL_WINDOW);
      assertThat(sender.isWritable()).isFalse();
      assertThat(receiver.receivedBytes).hasValue(0);
      long bound = CONFIG.writeHighWaterMark() + PatternPump.CHUNK;
      assertThat(sender.unsentBytes()).isLessThanOrEqualTo(bound);

      receiving.setAutoRead(true);

      await().atMost(Duration.ofSeconds(120)).until(() -> receiver.remoteCloses.get() == 1);
      assertThat(receiver.receivedBytes).hasValue(total);
      assertThat(receiver.firstMismatch).isEqualTo(-1);
      assertThat(pump.handedOver).hasValue(total);
      assertThat(pump.maxUnsent.get()).isLessThanOrEqualTo(bound);
    }
  }

  @Test
  void halfClosesInBothDirections() throws Exception {
    RecordingHandler serverSide = new RecordingHandler() {
      @Override
      public void onRemoteClose(MuxedStream stream) {
        super.onRemoteClose(stream);
        stream.write(YamuxLoopbackIT.text("pong"));
        stream.closeWrite();
      }
    };
    try (YamuxLoopback pair = new YamuxLoopback(CONFIG, attach(serverSide))) {
      RecordingHandler clientSide = new RecordingHandler();
      MuxedStream stream = pair.open();
      stream.setHandler(clientSide);
      stream.write(text("ping"));
      stream.closeWrite().get(5, TimeUnit.SECONDS);

      await().atMost(TIMEOUT).until(() -> clientSide.closes.get() == 1);
      assertThat(clientSide.text()).isEqualTo("pong");
      assertThat(serverSide.text()).isEqualTo("ping");
      await().atMost(TIMEOUT).until(() -> serverSide.closes.get() == 1);
      assertThat(clientSide.resets.get() + serverSide.resets.get()).isZero();
    }
  }

  @Test
  void resetReachesTheRemote() throws Exception {
    RecordingHandler serverSide = new RecordingHandler();
    try (YamuxLoopback pair = new YamuxLoopback(CONFIG, attach(serverSide))) {
      MuxedStream stream = pair.open();
      RecordingHandler clientSide = new RecordingHandler();
      stream.setHandler(clientSide);
      stream.write(text("x"));
      await().atMost(TIMEOUT).until(() -> serverSide.receivedBytes.get() == 1);

      stream.reset();

      await().atMost(TIMEOUT).until(() -> serverSide.closes.get() == 1);
      assertThat(serverSide.resets).hasValue(1);
      assertThat(clientSide.resets).hasValue(1);
      assertThat(clientSide.closes).hasValue(1);
    }
  }

  @Test
  void pingMeasuresARoundTrip() throws Exception {
    try (YamuxLoopback pair = new YamuxLoopback(CONFIG, s -> {})) {
      assertThat(pair.client.ping().get(5, TimeUnit.SECONDS)).isPositive();
      assertThat(pair.server.ping().get(5, TimeUnit.SECONDS)).isPositive();
    }
  }

  @Test
  void goAwayStopsNewStreamsButExistingOnesGoOn() throws Exception {
    try (YamuxLoopback pair = new YamuxLoopback(CONFIG, s -> s.setHandler(new EchoHandler()))) {
      MuxedStream existing = pair.open();
      RecordingHandler echoed = new RecordingHandler();
      existing.setHandler(echoed);
      existing.write(text("open "));
      // Once the echo is back the server knows the stream; a go-away before that would refuse it.
      await().atMost(TIMEOUT).until(() -> echoed.text().equals("open "));

      pair.server.goAway(GoAwayCode.NORMAL);

      await().atMost(TIMEOUT).until(() -> pair.client.openStream().await().cause()
          instanceof MuxerClosedException);
      existing.write(text("still here"));
      await().atMost(TIMEOUT).until(() -> echoed.text().equals("open still here"));

      pair.client.close().get(5, TimeUnit.SECONDS);
      pair.server.closeFuture().get(5, TimeUnit.SECONDS);
      assertThat(echoed.closes).hasValue(1);
      assertThat(pair.server.isClosed()).isTrue();
    }
  }

  @Test
  void streamsBeyondTheInboundLimitAreReset() throws Exception {
    YamuxConfig limited = CONFIG.withStreamLimits(3, 1000);
    try (YamuxLoopback pair = new YamuxLoopback(limited, s -> s.setHandler(new EchoHandler()))) {
      List<RecordingHandler> handlers = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        RecordingHandler handler = new RecordingHandler();
        handlers.add(handler);
        MuxedStream stream = pair.open();
        stream.setHandler(handler);
        stream.write(text("n" + i));
      }
      await().atMost(TIMEOUT).until(() -> handlers.get(3).resets.get() == 1);
      for (int i = 0; i < 3; i++) {
        RecordingHandler handler = handlers.get(i);
        String expected = "n" + i;
        await().atMost(TIMEOUT).until(() -> handler.text().equals(expected));
        assertThat(handler.resets).hasValue(0);
      }
    }
  }
}
