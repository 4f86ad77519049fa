package ai.hanzo.node.chain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The operator registry as compiled by {@code contracts/compile.mjs} (solc 0.8.37 of contracts/package-lock.json):
 * its ABI (JSON) and creation bytecode (hex), resources of this package. They are committed; a test recompiles the
 * contract and fails when they differ.
 */
public final class RegistryArtifacts {
  public static final String NAME = "OperatorRegistry";

  private RegistryArtifacts() {}

  public static String abiJson() {
    return resource(NAME + ".abi.json");
  }

  /** The creation bytecode, 0x-prefixed; deploy it with the ABI-encoded constructor arguments appended. */
  public static String bytecode() {
    return "0x" + resource(NAME + ".bin").trim();
  }

  private static String resource(String name) {
    try (InputStream in = RegistryArtifacts.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name + " of "
            + RegistryArtifacts.class.getPackageName());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
