package ai.hanzo.node.runtime.image;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an image's config blob says a container should run by default (Entrypoint, Cmd, Env, WorkingDir, User,
 * ExposedPorts) and the digests of its uncompressed layers, which pulls check the unpacked layers against.
 */
public record ImageConfig(String os, String architecture, List<String> entrypoint, List<String> cmd,
    Map<String, String> env, String workingDir, String user, List<String> exposedPorts, List<Digest> diffIds) {
  public static final int MAX_BYTES = 8 << 20;

  public ImageConfig {
    entrypoint = List.copyOf(entrypoint);
    cmd = List.copyOf(cmd);
    env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
    exposedPorts = List.copyOf(exposedPorts);
    diffIds = List.copyOf(diffIds);
  }

  /** Parses a config blob; a malformed one is an {@link ImageFormatException}. */
  public static ImageConfig parse(byte[] json) {
    JsonNode root = UntrustedJson.object(json, MAX_BYTES, "image config");
    JsonNode config = root.path("config");
    Map<String, String> env = new LinkedHashMap<>();
    for (String entry : strings(config, "Env")) {
      int equals = entry.indexOf('=');
      if (equals > 0) {
        env.put(entry.substring(0, equals), entry.substring(equals + 1));
      }
    }
    List<String> ports = new ArrayList<>();
    if (config.path("ExposedPorts").isObject()) {
      config.get("ExposedPorts").fieldNames().forEachRemaining(ports::add);
    }
    List<Digest> diffIds = new ArrayList<>();
    for (String id : strings(root.path("rootfs"), "diff_ids")) {
      try {
        diffIds.add(Digest.parse(id));
      } catch (RuntimeException e) {
        throw new ImageFormatException("image config diff_id '" + id + "' is not a sha256 digest");
      }
    }
    return new ImageConfig(root.path("os").asText(""), root.path("architecture").asText(""),
        strings(config, "Entrypoint"), strings(config, "Cmd"), env, config.path("WorkingDir").asText(""),
        config.path("User").asText(""), ports, diffIds);
  }

  private static List<String> strings(JsonNode parent, String field) {
    JsonNode node = parent.path(field);
    if (node.isMissingNode() || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new ImageFormatException("image config field '" + field + "' must be an array of strings");
    }
    List<String> values = new ArrayList<>();
    for (JsonNode value : node) {
      if (!value.isTextual()) {
        throw new ImageFormatException("image config field '" + field + "' must hold only strings");
      }
      values.add(value.asText());
    }
    return values;
  }
}
