package ai.hanzo.node.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Reads a YAML config file whose keys are the long flag names without dashes ({@code grpc-addr: 0.0.0.0:50051}).
 * Lists become comma-separated text so that every source looks the same to {@link ConfigSources}.
 */
public final class ConfigFile {
  private ConfigFile() {}

  public static Map<String, String> load(Path path, java.util.Set<String> knownKeys) {
    if (!Files.isRegularFile(path)) {
      throw new ConfigException("config file " + path + " does not exist or is not a file");
    }
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(path.toFile());
    } catch (IOException e) {
      throw new ConfigException("config file " + path + " is not valid YAML: " + firstLine(e.getMessage()));
    }
    Map<String, String> values = new LinkedHashMap<>();
    if (root == null || root.isMissingNode() || root.isNull()) {
      return values;
    }
    if (!root.isObject()) {
      throw new ConfigException("config file " + path + " must be a YAML mapping of flag names to values");
    }
    for (Map.Entry<String, JsonNode> field : root.properties()) {
      String key = field.getKey();
      if (!knownKeys.contains(key)) {
        throw new ConfigException(
            "config file " + path + " has an unknown key '" + key + "'; keys are the flag names of 'hanzo-node run'");
      }
      values.put(key, asText(path, key, field.getValue()));
    }
    return values;
  }

  private static String asText(Path path, String key, JsonNode value) {
    if (value.isArray()) {
      StringJoiner joined = new StringJoiner(",");
      value.forEach(v -> joined.add(v.asText()));
      return joined.toString();
    }
    if (value.isContainerNode()) {
      throw new ConfigException("config file " + path + ": '" + key + "' must be a value or a list");
    }
    return value.asText();
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
