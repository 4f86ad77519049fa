package ai.hanzo.node.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import com.linecorp.armeria.common.websocket.WebSocketCloseStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The close code of a failed {@code /ws/inference} generation says whose fault it was, as an HTTP status would. */
class InferenceSocketCloseTest {
  @Test
  void theCloseCodeFollowsTheFailure() {
    assertThat(InferenceSocket.closeStatus(new NodeException(ErrorCode.UNAVAILABLE, "the upstream failed",
        Map.of("reason", "upstream_failed"))).code()).isEqualTo(1014);
    assertThat(InferenceSocket.closeStatus(new NodeException(ErrorCode.UNAVAILABLE, "unloaded")).code())
        .isEqualTo(1013);
    assertThat(InferenceSocket.closeStatus(new NodeException(ErrorCode.RESOURCE_EXHAUSTED, "full")).code())
        .isEqualTo(1013);
    assertThat(InferenceSocket.closeStatus(new NodeException(ErrorCode.INTERNAL, "bug")).code()).isEqualTo(1011);
    assertThat(InferenceSocket.closeStatus(NodeException.notFound("model", "x")))
        .isEqualTo(WebSocketCloseStatus.POLICY_VIOLATION);
    assertThat(InferenceSocket.closeStatus(NodeException.invalidField("max_tokens", "bad")).code()).isEqualTo(1008);
  }
}
