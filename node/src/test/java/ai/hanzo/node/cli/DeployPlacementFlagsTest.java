package ai.hanzo.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The placement flags of {@code deploy} are checked before any node is asked: a usage error is exit 2. */
class DeployPlacementFlagsTest {
  @Test
  void placementFlagsWithoutAnywhereOrWithBadValuesAreUsageErrors(@TempDir Path tmp) throws Exception {
    Path compose = Files.writeString(tmp.resolve("c.yml"), "name: c\nservices:\n  web:\n    image: process\n");
    String nowhere = "127.0.0.1:1";
    for (var bad : Map.of(
        "--region, --constraint and --strategy need --anywhere", new String[] {"--region", "eu"},
        "--strategy must be binpack or spread", new String[] {"--anywhere", "--strategy", "pack"},
        "keys and values must be 1 to 63", new String[] {"--anywhere", "--constraint", "tier=a b"})
        .entrySet()) {
      CliHarness cli = new CliHarness();
      String[] args = new String[4 + bad.getValue().length];
      args[0] = "deploy";
      args[1] = "-f";
      args[2] = compose.toString();
      System.arraycopy(bad.getValue(), 0, args, 3, bad.getValue().length);
      args[args.length - 1] = "--endpoint=" + nowhere;
      assertThat(cli.run(Map.of(), args)).as(bad.getKey()).isEqualTo(2);
      assertThat(cli.err()).contains(bad.getKey()).hasLineCount(1);
    }
  }
}
