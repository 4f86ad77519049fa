package ai.hanzo.node.inference.upstream;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.models.UpstreamTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The bearer token of one upstream, where its target says to read it. A key file is looked at (one stat) before
 * each request and read again when it changed, so an operator rotates the key by rewriting (or renaming over) the
 * file, without unloading the model; a variable of the node's environment cannot change while it runs and is read
 * once. A missing, empty or malformed key is UNAVAILABLE naming where it was looked for, never the key.
 */
final class ApiKeySource {
  /** The longest API key read from its file or variable. */
  static final int MAX_KEY_LENGTH = 4096;

  private final String name;
  private final UpstreamTarget target;
  /** The file's state when {@link #key} was read from it; null for a key from the environment or none. */
  private Object readAt;
  private String key;

  /** Reads the key now, so a model whose key cannot be read fails to load with a clear message. */
  ApiKeySource(String name, UpstreamTarget target, Function<String, String> env) {
    this.name = name;
    this.target = target;
    if (!target.apiKeyFile().isEmpty()) {
      current();
    } else if (!target.apiKeyEnv().isEmpty()) {
      String value = env.apply(target.apiKeyEnv());
      key = checked(value == null ? "" : value.strip(), "the environment variable " + target.apiKeyEnv()
          + " that holds its API key is not set for the node");
    } else {
      key = "";
    }
  }

  /** The key to send now: empty for an upstream that needs none. */
  synchronized String current() {
    if (target.apiKeyFile().isEmpty()) {
      return key;
    }
    Path file = Path.of(target.apiKeyFile());
    Object state;
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      state = List.of(attributes.lastModifiedTime(), attributes.size(), Objects.toString(attributes.fileKey()));
    } catch (IOException | RuntimeException e) {
      throw unavailable(name, "its API key file " + target.apiKeyFile() + " cannot be read ("
          + e.getClass().getSimpleName() + ")");
    }
    if (!state.equals(readAt)) {
      String read;
      try {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        read = lines.isEmpty() ? "" : lines.get(0).strip();
      } catch (IOException | RuntimeException e) {
        throw unavailable(name, "its API key file " + target.apiKeyFile() + " cannot be read ("
            + e.getClass().getSimpleName() + ")");
      }
      key = checked(read, "its API key file " + target.apiKeyFile() + " is empty");
      readAt = state;
    }
    return key;
  }

  private String checked(String candidate, String whenEmpty) {
    if (candidate.isEmpty()) {
      throw unavailable(name, whenEmpty);
    }
    if (candidate.length() > MAX_KEY_LENGTH || candidate.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
      throw unavailable(name, "its API key is not a token of at most " + MAX_KEY_LENGTH
          + " printable ASCII characters");
    }
    return candidate;
  }

  private static NodeException unavailable(String name, String why) {
    return new NodeException(ErrorCode.UNAVAILABLE, "model '" + name + "' cannot be served: " + why,
        Map.of("model", name));
  }
}
