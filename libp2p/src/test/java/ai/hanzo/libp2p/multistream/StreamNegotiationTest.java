package ai.hanzo.libp2p.multistream;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.StreamHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.Future;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StreamNegotiationTest {
  private static final String ECHO = "/echo/1.0.0";

  /** Collects text; optionally greets when attached. */
  private static final class TextHandler implements StreamHandler {
    final StringBuilder text = new StringBuilder();
    final String greeting;
    int resets;

    TextHandler(String greeting) {
      this.greeting = greeting;
    }

    @Override
    public void onActive(MuxedStream stream) {
      if (greeting != null) {
        stream.write(Unpooled.copiedBuffer(greeting, StandardCharsets.UTF_8));
      }
    }

    @Override
    public void onData(MuxedStream stream, ByteBuf data) {
      text.append(data.toString(StandardCharsets.UTF_8));
      data.release();
    }

    @Override
    public void onReset(MuxedStream stream) {
      resets++;
    }
  }

  private final List<TextHandler> served = new ArrayList<>();
  private final List<MuxedStream> accepted = new ArrayList<>();

  private EmbeddedMuxerPair pairServing(String greeting) {
    Map<String, String> known = Map.of(ECHO, "yes");
    return new EmbeddedMuxerPair(stream -> {
      accepted.add(stream);
      stream.setHandler(new MultistreamListener(p -> {
        if (!known.containsKey(p)) {
          return Optional.empty();
        }
        TextHandler handler = new TextHandler(greeting);
        served.add(handler);
        return Optional.of(handler);
      }, List.of(ECHO)));
    });
  }

  @Test
  void selectsAfterNaAndBothSidesKnowTheProtocol() {
    EmbeddedMuxerPair pair = pairServing(null);
    MuxedStream stream = pair.open();
    Future<String> selected = MultistreamClient.select(stream, List.of("/unknown", ECHO));
    pair.shuttle();

    assertThat(selected.getNow()).isEqualTo(ECHO);
    assertThat(stream.attr(MuxedStream.PROTOCOL).get()).isEqualTo(ECHO);
    assertThat(accepted.get(0).attr(MuxedStream.PROTOCOL).get()).isEqualTo(ECHO);
    assertThat(served).hasSize(1);
  }

  @Test
  void bytesSentRightAfterTheProposalReachTheSelectedHandler() {
    EmbeddedMuxerPair pair = pairServing(null);
    MuxedStream stream = pair.open();
    MultistreamClient.select(stream, List.of(ECHO));
    stream.write(Unpooled.copiedBuffer("early", StandardCharsets.UTF_8));
    pair.shuttle();

    assertThat(served.get(0).text).hasToString("early");
  }

  @Test
  void bytesThatFollowTheAnswerReachTheDialersNextHandler() {
    EmbeddedMuxerPair pair = pairServing("welcome");
    MuxedStream stream = pair.open();
    TextHandler mine = new TextHandler(null);
    MultistreamClient.select(stream, List.of(ECHO))
        .addListener(f -> stream.setHandler(mine));
    pair.shuttle();

    assertThat(mine.text).hasToString("welcome");
  }

  @Test
  void bytesHeldUntilTheDialerAttachesItsHandlerLater() {
    EmbeddedMuxerPair pair = pairServing("welcome");
    MuxedStream stream = pair.open();
    Future<String> selected = MultistreamClient.select(stream, List.of(ECHO));
    pair.shuttle();
    assertThat(selected.isSuccess()).isTrue();

    TextHandler mine = new TextHandler(null);
    stream.setHandler(mine);

    assertThat(mine.text).hasToString("welcome");
  }

  @Test
  void noCommonProtocolFailsTheSelectionAndResetsTheStream() {
    EmbeddedMuxerPair pair = pairServing(null);
    MuxedStream stream = pair.open();
    Future<String> selected = MultistreamClient.select(stream, List.of("/nope"));
    pair.shuttle();

    assertThat(selected.cause()).isInstanceOf(MultistreamException.class);
    assertThat(stream.isClosed()).isTrue();
    assertThat(pair.listener.openStreams()).isZero();
  }

  @Test
  void silentListenerTimesTheDialerOut() {
    EmbeddedMuxerPair pair = new EmbeddedMuxerPair(s -> s.setHandler(new TextHandler(null)));
    MuxedStream stream = pair.open();
    Future<String> selected = MultistreamClient.select(stream, List.of(ECHO), Duration.ofSeconds(3));
    pair.shuttle();
    assertThat(selected.isDone()).isFalse();

    pair.dialerChannel.advanceTimeBy(3, TimeUnit.SECONDS);
    pair.dialerChannel.runScheduledPendingTasks();

    assertThat(selected.cause()).hasMessageContaining("no protocol agreed");
    assertThat(stream.isClosed()).isTrue();
  }
}
