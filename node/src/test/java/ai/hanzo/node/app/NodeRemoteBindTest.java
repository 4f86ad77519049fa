package ai.hanzo.node.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.config.ApiConfig;
import ai.hanzo.node.config.ConfigException;
import ai.hanzo.node.config.HostPort;
import ai.hanzo.node.config.IamConfig;
import ai.hanzo.node.config.LogFormat;
import ai.hanzo.node.config.LogLevel;
import ai.hanzo.node.config.LoggingConfig;
import ai.hanzo.node.config.NodeConfig;
import ai.hanzo.node.config.NodeVersion;
import ai.hanzo.node.config.P2pConfig;
import ai.hanzo.node.config.StorageConfig;
import ai.hanzo.node.config.TlsConfig;
import ai.hanzo.node.lifecycle.ControllerState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loopback rule is the node's own, not only the CLI's: a node built from a config that listens beyond loopback
 * without IAM is refused before anything binds, unless the config says insecureAllowRemote.
 */
class NodeRemoteBindTest {
  @TempDir Path dataDir;

  @Test
  void nonLoopbackWithoutIamIsRefusedByTheNodeItself() {
    assertThatThrownBy(() -> new NodeApp(config("0.0.0.0", false, IamConfig.disabled()), version()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("refusing to listen on 0.0.0.0:0 with IAM disabled");
  }

  @Test
  void iamOrTheExplicitFlagLetsItBuild() {
    assertThat(new NodeApp(config("0.0.0.0", true, IamConfig.disabled()), version()).state())
        .isEqualTo(ControllerState.NEW);
    assertThat(new NodeApp(config("0.0.0.0", false, IamNodeFixture.iamConfig(600)), version()).state())
        .isEqualTo(ControllerState.NEW);
    assertThat(new NodeApp(config("127.0.0.1", false, IamConfig.disabled()), version()).state())
        .isEqualTo(ControllerState.NEW);
  }

  private NodeConfig config(String host, boolean insecureAllowRemote, IamConfig iam) {
    return new NodeConfig(null, dataDir, "1337", "", false,
        new ApiConfig(new HostPort(host, 0), new HostPort("127.0.0.1", 0), Duration.ofSeconds(1),
            insecureAllowRemote, TlsConfig.NONE),
        P2pConfig.of("/ip4/127.0.0.1/tcp/0", List.of()), new StorageConfig(Duration.ofHours(1)),
        new LoggingConfig(LogLevel.WARN, LogFormat.TEXT, false), iam);
  }

  private static NodeVersion version() {
    return new NodeVersion("1.2.3", "abc");
  }
}
