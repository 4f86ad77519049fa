package ai.hanzo.libp2p.yamux;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReceiveWindowTest {
  private static final int INITIAL = YamuxConfig.INITIAL_WINDOW;

  @Test
  void creditWaitsForHalfAWindowOfConsumedBytes() {
    ReceiveWindow window = new ReceiveWindow(16 * INITIAL, 0);
    window.received(INITIAL);
    assertThat(window.remaining()).isZero();
    assertThat(window.consumed(INITIAL / 2 - 1, 1, 0)).isZero();
    assertThat(window.consumed(1, 2, 0)).isEqualTo(INITIAL / 2);
    assertThat(window.remaining()).isEqualTo(INITIAL / 2);
    assertThat(window.windowSize()).isEqualTo(INITIAL);
  }

  @Test
  void windowDoublesWhenUsedUpWithinAFewRoundTripsUpToTheMaximum() {
    long rtt = 1_000_000;
    ReceiveWindow window = new ReceiveWindow(2 * INITIAL, 0);
    window.received(INITIAL);
    assertThat(window.consumed(INITIAL, rtt, rtt)).isEqualTo(2L * INITIAL);
    assertThat(window.windowSize()).isEqualTo(2L * INITIAL);

    window.received(2L * INITIAL);
    assertThat(window.consumed(2L * INITIAL, 2 * rtt, rtt)).isEqualTo(2L * INITIAL);
    assertThat(window.windowSize()).isEqualTo(2L * INITIAL);
  }

  @Test
  void slowConsumptionKeepsTheWindow() {
    long rtt = 1_000;
    ReceiveWindow window = new ReceiveWindow(16 * INITIAL, 0);
    window.received(INITIAL);
    assertThat(window.consumed(INITIAL, 1_000_000, rtt)).isEqualTo(INITIAL);
    assertThat(window.windowSize()).isEqualTo(INITIAL);
  }
}
