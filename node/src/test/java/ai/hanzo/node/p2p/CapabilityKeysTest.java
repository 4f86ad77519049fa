package ai.hanzo.node.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.p2p.gossip.Capabilities;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapabilityKeysTest {
  @Test
  void modelsAreCapabilitiesKeyedBySha256OfTheirName() throws Exception {
    Capabilities caps = new Capabilities(4, 1, 1, List.of(new Capabilities.Gpu("A100", 1)), List.of("process"),
        List.of("tiny", "qwen2.5-0.5b"));

    assertThat(CapabilityKeys.names(caps)).containsExactly("runtime/process", "gpu/A100", "model/tiny",
        "model/qwen2.5-0.5b");
    assertThat(CapabilityKeys.key("model/tiny")).isEqualTo(MessageDigest.getInstance("SHA-256")
        .digest("hanzo/model/tiny".getBytes(StandardCharsets.UTF_8)));
    assertThatThrownBy(() -> CapabilityKeys.key("model/")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("model/<name>");
  }
}
