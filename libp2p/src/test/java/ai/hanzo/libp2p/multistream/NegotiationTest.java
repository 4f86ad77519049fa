package ai.hanzo.libp2p.multistream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NegotiationTest {

  /** Runs both machines against each other over bytes; returns {dialer's, listener's} choice. */
  private static String[] negotiate(DialerNegotiation dialer, ListenerNegotiation listener)
      throws MultistreamException {
    String[] selected = new String[2];
    ByteBuf toListener = Unpooled.wrappedBuffer(dialer.start().reply());
    ByteBuf toDialer = Unpooled.buffer();
    for (int round = 0; round < 10 && selected[0] == null; round++) {
      String message;
      while ((message = MultistreamMessages.read(toListener)) != null) {
        NegotiationStep step = listener.onMessage(message);
        toDialer.writeBytes(step.reply());
        if (step.isSelected()) {
          selected[1] = step.selected();
        }
      }
      toListener = Unpooled.buffer();
      while ((message = MultistreamMessages.read(toDialer)) != null) {
        NegotiationStep step = dialer.onMessage(message);
        toListener.writeBytes(step.reply());
        if (step.isSelected()) {
          selected[0] = step.selected();
        }
      }
    }
    return selected;
  }

  @Test
  void dialerAndListenerAgreeOnTheFirstProposal() throws Exception {
    String[] selected = negotiate(new DialerNegotiation(List.of("/noise")),
        new ListenerNegotiation(List.of("/noise")::contains, List.of("/noise")));
    assertThat(selected).containsExactly("/noise", "/noise");
  }

  @Test
  void naLeadsToTheSecondProposal() throws Exception {
    DialerNegotiation dialer = new DialerNegotiation(List.of("/tls/1.0.0", "/noise"));
    assertThat(dialer.onMessage(MultistreamMessages.PROTOCOL_ID).reply()).isEmpty();
    NegotiationStep next = dialer.onMessage("na");
    assertThat(next.reply()).isEqualTo(MultistreamMessages.encode("/noise"));
    assertThat(next.isSelected()).isFalse();
    assertThat(dialer.onMessage("/noise").selected()).isEqualTo("/noise");
  }

  @Test
  void negotiationFindsALaterCommonProtocol() throws Exception {
    String[] selected = negotiate(new DialerNegotiation(List.of("/a", "/b", "/c")),
        new ListenerNegotiation(List.of("/c", "/b")::contains, List.of("/c", "/b")));
    assertThat(selected).containsExactly("/b", "/b");
  }

  @Test
  void noCommonProtocolFailsTheDialer() throws Exception {
    DialerNegotiation dialer = new DialerNegotiation(List.of("/a"));
    dialer.onMessage(MultistreamMessages.PROTOCOL_ID);
    assertThatThrownBy(() -> dialer.onMessage("na"))
        .isInstanceOf(MultistreamException.class)
        .hasMessageContaining("none of [/a]");
  }

  @Test
  void listenerAnswersHeaderLsAndUnknownProtocols() throws Exception {
    ListenerNegotiation listener =
        new ListenerNegotiation(List.of("/x")::contains, List.of("/x", "/y"));
    assertThat(listener.onMessage(MultistreamMessages.PROTOCOL_ID).reply())
        .isEqualTo(MultistreamMessages.encode(MultistreamMessages.PROTOCOL_ID));
    assertThat(listener.onMessage("ls").reply())
        .isEqualTo(MultistreamMessages.encodeList(List.of("/x", "/y")));
    assertThat(listener.onMessage("/unknown").reply()).isEqualTo(MultistreamMessages.encode("na"));
    NegotiationStep chosen = listener.onMessage("/x");
    assertThat(chosen.reply()).isEqualTo(MultistreamMessages.encode("/x"));
    assertThat(chosen.selected()).isEqualTo("/x");
  }

  @Test
  void wrongHeaderIsRejectedOnBothSides() {
    assertThatThrownBy(() -> new DialerNegotiation(List.of("/a")).onMessage("/multistream/2"))
        .isInstanceOf(MultistreamException.class).hasMessageContaining("header");
    assertThatThrownBy(() -> new ListenerNegotiation(p -> true, List.of()).onMessage("/a"))
        .isInstanceOf(MultistreamException.class).hasMessageContaining("header");
  }

  @Test
  void unexpectedAnswerIsRejected() throws Exception {
    DialerNegotiation dialer = new DialerNegotiation(List.of("/a"));
    dialer.onMessage(MultistreamMessages.PROTOCOL_ID);
    assertThatThrownBy(() -> dialer.onMessage("/b"))
        .isInstanceOf(MultistreamException.class).hasMessageContaining("unexpected answer");
  }

  @Test
  void emptyProposalListIsRefused() {
    assertThatThrownBy(() -> new DialerNegotiation(new ArrayList<>()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
