package ai.hanzo.node.runtime.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Reads a JSON object from registry or archive bytes, bounded in size; anything else is an ImageFormatException. */
final class UntrustedJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private UntrustedJson() {}

  static JsonNode object(byte[] json, int maxBytes, String what) {
    if (json.length > maxBytes) {
      throw new ImageFormatException(what + " of " + json.length + " bytes is larger than " + maxBytes);
    }
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new ImageFormatException(what + " is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ImageFormatException(what + " cannot be read: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new ImageFormatException(what + " is not a JSON object");
    }
    return root;
  }
}
