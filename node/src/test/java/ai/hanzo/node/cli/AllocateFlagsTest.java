package ai.hanzo.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flags of {@code allocate create} and {@code deploy --allocation} are checked before any node is asked (the
 * endpoint here answers nothing): a usage error is exit 2 with one line.
 */
class AllocateFlagsTest {
  private static final String NOWHERE = "--endpoint=127.0.0.1:1";

  @Test
  void badCreateFlagsAreUsageErrors() {
    for (var bad : Map.of(
        "--ttl: '5x' is not a duration", new String[] {"--ttl", "5x"},
        "--ttl must be 10s to 24h, not '5s'", new String[] {"--ttl", "5s"},
        "--ttl must be 10s to 24h, not '2d'", new String[] {"--ttl", "2d"},
        "--nodes must be 1 to 64, not 65", new String[] {"--nodes", "65"},
        "--gpus must be 0 or more", new String[] {"--gpus", "-1"},
        "--strategy must be binpack or spread", new String[] {"--strategy", "pack"},
        "keys and values must be 1 to 63", new String[] {"--constraint", "tier=a b"})
        .entrySet()) {
      CliHarness cli = new CliHarness();
      String[] args = new String[3 + bad.getValue().length];
      args[0] = "allocate";
      args[1] = "create";
      System.arraycopy(bad.getValue(), 0, args, 2, bad.getValue().length);
      args[args.length - 1] = NOWHERE;
      assertThat(cli.run(Map.of(), args)).as(bad.getKey()).isEqualTo(2);
      assertThat(cli.err()).contains(bad.getKey()).hasLineCount(1);
    }
  }

  @Test
  void anAllocationIsNotCombinedWithAnywhere(@TempDir Path tmp) throws Exception {
    Path compose = Files.writeString(tmp.resolve("c.yml"), "name: c\nservices:\n  web:\n    image: process\n");
    for (String[] extra : new String[][] {{"--anywhere"}, {"--region", "eu"}, {"--strategy", "spread"}}) {
      CliHarness cli = new CliHarness();
      String[] args = new String[6 + extra.length];
      String[] head = {"deploy", "-f", compose.toString(), "--allocation", "alloc-0123456789abcdef"};
      System.arraycopy(head, 0, args, 0, head.length);
      System.arraycopy(extra, 0, args, head.length, extra.length);
      args[args.length - 1] = NOWHERE;
      assertThat(cli.run(Map.of(), args)).as(extra[0]).isEqualTo(2);
      assertThat(cli.err()).contains("--allocation names where the deployment runs").hasLineCount(1);
    }
  }

  @Test
  void theCommandAndItsVerbsAreInTheHelp() {
    CliHarness cli = new CliHarness();
    assertThat(cli.run(Map.of(), "allocate", "create", "--help")).isEqualTo(0);
    assertThat(cli.out()).contains("--cpus").contains("--memory").contains("--gpus").contains("--gpu-model")
        .contains("--nodes").contains("--pool").contains("--region").contains("--constraint").contains("--strategy")
        .contains("--ttl");
    CliHarness deploy = new CliHarness();
    assertThat(deploy.run(Map.of(), "deploy", "--help")).isEqualTo(0);
    assertThat(deploy.out()).contains("--allocation");
    CliHarness top = new CliHarness();
    assertThat(top.run(Map.of(), "--help")).isEqualTo(0);
    assertThat(top.out()).contains("allocate");
  }
}
