package ai.hanzo.libp2p.multistream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MultistreamHandlerTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** Stands in for the next handler: records events and bytes. */
  private static final class Next extends ChannelInboundHandlerAdapter {
    final List<Object> events = new ArrayList<>();
    final StringBuilder text = new StringBuilder();

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      events.add(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf data = (ByteBuf) msg;
      text.append(data.toString(StandardCharsets.UTF_8));
      data.release();
    }
  }

  private static void shuttle(EmbeddedChannel a, EmbeddedChannel b) {
    EmbeddedWire.shuttle(a, b);
  }

  @Test
  void dialerAndListenerSelectAndHandOverLeftoverBytes() {
    MultistreamHandler dialer = MultistreamHandler.dialer(List.of("/tls", "/noise"), TIMEOUT);
    MultistreamHandler listener = MultistreamHandler.listener(List.of("/noise"), TIMEOUT);
    Next dialerNext = new Next();
    Next listenerNext = new Next();
    EmbeddedChannel dialerChannel = new EmbeddedChannel(dialer, dialerNext);
    EmbeddedChannel listenerChannel = new EmbeddedChannel(listener, listenerNext);

    shuttle(dialerChannel, listenerChannel);

    assertThat(dialer.selected().getNow()).isEqualTo("/noise");
    assertThat(listener.selected().getNow()).isEqualTo("/noise");
    assertThat(dialerNext.events).containsExactly(new ProtocolSelected("/noise"));
    assertThat(listenerNext.events).containsExactly(new ProtocolSelected("/noise"));
    assertThat(dialerChannel.pipeline().get(MultistreamHandler.class)).isNull();
    assertThat(listenerChannel.pipeline().get(MultistreamHandler.class)).isNull();

    dialerChannel.writeOutbound(Unpooled.copiedBuffer("after", StandardCharsets.UTF_8));
    shuttle(dialerChannel, listenerChannel);
    assertThat(listenerNext.text).hasToString("after");
  }

  @Test
  void bytesThatFollowTheNegotiationInOneReadReachTheNextHandler() {
    MultistreamHandler listener = MultistreamHandler.listener(List.of("/noise"), TIMEOUT);
    Next next = new Next();
    EmbeddedChannel channel = new EmbeddedChannel(listener, next);
    ByteBuf in = Unpooled.buffer();
    in.writeBytes(MultistreamMessages.encode(MultistreamMessages.PROTOCOL_ID, "/noise"));
    in.writeCharSequence("handshake", StandardCharsets.UTF_8);

    channel.writeInbound(in);

    assertThat(listener.selected().getNow()).isEqualTo("/noise");
    assertThat(next.text).hasToString("handshake");
    ByteBuf answer = channel.readOutbound();
    assertThat(io.netty.buffer.ByteBufUtil.getBytes(answer))
        .isEqualTo(MultistreamMessages.encode(MultistreamMessages.PROTOCOL_ID));
    answer.release();
  }

  @Test
  void malformedMessageFailsAndClosesTheChannel() {
    MultistreamHandler listener = MultistreamHandler.listener(List.of("/noise"), TIMEOUT);
    EmbeddedChannel channel = new EmbeddedChannel(listener);
    channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x03, 'n', 'a', 'x'}));
    assertThat(listener.selected().cause()).isInstanceOf(MultistreamException.class);
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void timesOutWhenTheRemoteStaysSilent() {
    MultistreamHandler dialer = MultistreamHandler.dialer(List.of("/noise"), TIMEOUT);
    EmbeddedChannel channel = new EmbeddedChannel(dialer);
    channel.advanceTimeBy(9, TimeUnit.SECONDS);
    channel.runScheduledPendingTasks();
    assertThat(dialer.selected().isDone()).isFalse();
    channel.advanceTimeBy(1, TimeUnit.SECONDS);
    channel.runScheduledPendingTasks();
    assertThat(dialer.selected().cause())
        .isInstanceOf(MultistreamException.class)
        .hasMessageContaining("no protocol agreed");
    assertThat(channel.isOpen()).isFalse();
  }
}
