package ai.hanzo.node.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed ABI and bytecode are what solc 0.8.37 makes of the committed contract, byte for byte. */
class ContractArtifactsIT {
  @BeforeAll
  static void contracts() {
    Contracts.assumeAvailable();
  }

  @Test
  void committedArtifactsEqualAFreshCompile(@TempDir Path out) throws Exception {
    Path copy = Contracts.installed();
    Process compile = new ProcessBuilder("node", "compile.mjs", "--out", out.toString()).directory(copy.toFile())
        .redirectErrorStream(true).redirectOutput(out.resolve("compile.log").toFile()).start();
    assertThat(compile.waitFor(3, TimeUnit.MINUTES)).isTrue();
    String log = Files.readString(out.resolve("compile.log"));
    assertThat(compile.exitValue()).as(log).isZero();
    assertThat(log).contains("solc 0.8.37+");

    Path committed = Contracts.source().orElseThrow().resolveSibling("node/src/main/resources/ai/hanzo/node/chain");
    for (String file : new String[] {"OperatorRegistry.abi.json", "OperatorRegistry.bin"}) {
      assertThat(Files.readString(out.resolve(file)))
          .as(file + " differs from a fresh compile: run `npm ci && node compile.mjs` in contracts/ and commit it")
          .isEqualTo(Files.readString(committed.resolve(file)));
    }
    assertThat(RegistryArtifacts.bytecode()).as("the node reads the committed bytecode")
        .isEqualTo("0x" + Files.readString(committed.resolve("OperatorRegistry.bin")).trim());
  }
}
