package ai.hanzo.node.cli;

import ai.hanzo.node.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a keystore password from a file; messages name the file, never its content. */
final class OperatorPasswords {
  /** A password file is a few bytes; anything larger is the wrong file. */
  private static final long MAX_BYTES = 4096;

  private OperatorPasswords() {}

  /** The file's first line, without its line ending (as geth and cast read password files). */
  static String readFile(Path file) {
    try {
      if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
        throw new ConfigException("--operator-password-file " + file + " is not a file of at most " + MAX_BYTES
            + " bytes");
      }
      String text = Files.readString(file, StandardCharsets.UTF_8);
      int end = text.indexOf('\n');
      String line = end < 0 ? text : text.substring(0, end);
      return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    } catch (IOException e) {
      throw new ConfigException("--operator-password-file " + file + " cannot be read: " + e.getMessage());
    }
  }
}
