package ai.hanzo.node.api.access;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.config.StreamLimits;
import org.junit.jupiter.api.Test;

class StreamLimiterTest {
  @Test
  void eachCallerHasItsCapAndAllTogetherTheNodes() {
    StreamLimiter limiter = new StreamLimiter(new StreamLimits(2, 3));
    assertThat(limiter.tryOpen("a")).isNull();
    assertThat(limiter.tryOpen("a")).isNull();
    assertThat(limiter.tryOpen("a")).contains("already has 2 streams open").contains("--max-streams-per-caller");
    assertThat(limiter.tryOpen("b")).isNull();
    assertThat(limiter.tryOpen("c")).contains("already serves 3 streams").contains("--max-streams");
    limiter.closed("a");
    assertThat(limiter.open()).isEqualTo(2);
    assertThat(limiter.tryOpen("a")).as("a closed one of its two").isNull();
    limiter.closed("b");
    assertThat(limiter.tryOpen("c")).isNull();
    assertThat(limiter.open()).isEqualTo(3);
  }

  @Test
  void theLongLivedStreamsOfBothTransportsAreCountedAndNothingElse() {
    assertThat(StreamLimiter.isStream("/hanzo.node.v1.NodeService/GetLogs")).isTrue();
    assertThat(StreamLimiter.isStream("/hanzo.node.v1.NodeService/GetMetrics")).isTrue();
    assertThat(StreamLimiter.isStream("/hanzo.node.v1.NodeService/GetEvents")).isTrue();
    assertThat(StreamLimiter.isStream("/hanzo.node.v1.NodeService/ExecInContainer")).isTrue();
    assertThat(StreamLimiter.isStream("/ws/logs/web")).isTrue();
    assertThat(StreamLimiter.isStream("/ws/exec/c1")).isTrue();
    assertThat(StreamLimiter.isStream("/v1/events")).isTrue();
    assertThat(StreamLimiter.isStream("/v1/deployments/web/logs")).isTrue();
    assertThat(StreamLimiter.isStream("/hanzo.node.v1.NodeService/GetStatus")).isFalse();
    assertThat(StreamLimiter.isStream("/v1/deployments/web")).isFalse();
    assertThat(StreamLimiter.isStream("/v1/status")).isFalse();
  }
}
