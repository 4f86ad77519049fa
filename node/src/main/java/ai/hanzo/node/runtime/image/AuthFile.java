package ai.hanzo.node.runtime.image;

import ai.hanzo.node.runtime.ContainerRuntimeException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads registry credentials from a docker {@code config.json} / podman {@code auth.json} style file:
 * {@code {"auths": {"host:port": {"auth": base64(user:password)}}}} or with {@code username}/{@code password}.
 * Keys like {@code https://index.docker.io/v1/} are reduced to the registry name references use.
 */
public final class AuthFile {
  private AuthFile() {}

  public static Map<String, RegistrySettings.Credentials> read(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw ContainerRuntimeException.invalidSpec("registry auth file " + file + " cannot be read as JSON: "
          + e.getMessage());
    }
    Map<String, RegistrySettings.Credentials> result = new HashMap<>();
    JsonNode auths = root == null ? null : root.get("auths");
    if (auths == null || !auths.isObject()) {
      throw ContainerRuntimeException.invalidSpec("registry auth file " + file + " has no \"auths\" object");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> entry = it.next();
      result.put(registryName(entry.getKey()), credentials(file, entry.getKey(), entry.getValue()));
    }
    return result;
  }

  static String registryName(String key) {
    String name = key.replaceFirst("^[a-z]+://", "");
    int slash = name.indexOf('/');
    if (slash >= 0) {
      name = name.substring(0, slash);
    }
    return name.equals("index.docker.io") || name.equals("registry-1.docker.io") ? ImageReference.DOCKER_HUB : name;
  }

  private static RegistrySettings.Credentials credentials(Path file, String key, JsonNode node) {
    if (node.path("auth").isTextual()) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(node.get("auth").asText()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw ContainerRuntimeException.invalidSpec("registry auth file " + file + ": \"auth\" of " + key
            + " is not base64");
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        throw ContainerRuntimeException.invalidSpec("registry auth file " + file + ": \"auth\" of " + key
            + " is not base64 of user:password");
      }
      return new RegistrySettings.Credentials(decoded.substring(0, colon), decoded.substring(colon + 1));
    }
    if (node.path("username").isTextual() && node.path("password").isTextual()) {
      return new RegistrySettings.Credentials(node.get("username").asText(), node.get("password").asText());
    }
    throw ContainerRuntimeException.invalidSpec("registry auth file " + file + ": entry " + key
        + " has neither \"auth\" nor \"username\" and \"password\"");
  }
}
