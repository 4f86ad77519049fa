package ai.hanzo.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.compute.DesiredDeployment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The CLI refuses the replica counts the node refuses, with the node's own cap ({@link DesiredDeployment#MAX_REPLICAS})
 * in both places a count is given: {@code scale SERVICE=N} and a Compose file's {@code deploy.replicas}.
 */
class ReplicaCapTest {
  private static final int CAP = DesiredDeployment.MAX_REPLICAS;

  @Test
  void scaleAcceptsTheCapAndRefusesOneMoreAsUsage() {
    assertThat(new ScaleCommand.TargetConverter().convert("web=" + CAP).replicas()).isEqualTo(CAP);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Main.execute(new String[] {"scale", "d1", "web=" + (CAP + 1), "--endpoint", "127.0.0.1:1"}, Map.of(),
        new Terminal(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), false));
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("'" + (CAP + 1) + "' is not a number of replicas from 0 to " + CAP);
  }

  @Test
  void aComposeFileAsksForAtMostTheCap() {
    String file = "services:\n  web:\n    image: process\n    deploy:\n      replicas: %d\n";
    assertThat(ComposeFile.parse(String.format(file, CAP)).services().get("web").deploy().replicas())
        .isEqualTo(CAP);
    assertThatThrownBy(() -> ComposeFile.parse(String.format(file, CAP + 1)))
        .isInstanceOf(ComposeFileException.class).hasMessageContaining("services.web.deploy.replicas")
        .hasMessageContaining("from 0 to " + CAP);
  }
}
