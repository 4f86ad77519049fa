package ai.hanzo.node.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The operator's account: a Web3 Secret Storage keystore file and its password. The password comes from
 * {@code HANZO_OPERATOR_PASSWORD} or {@code --operator-password-file}, never from a flag value (flags show up in
 * {@code ps} and shell history), and {@link #toString()} never prints it, so no log line can carry it.
 */
public record OperatorKeystore(Path file, String password) {
  public OperatorKeystore {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(password, "password");
  }

  @Override
  public String toString() {
    return "OperatorKeystore[file=" + file + ", password=***]";
  }
}
