package ai.hanzo.node.runtime.image;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A manifest or an index, parsed from untrusted JSON. The type comes from the document's {@code mediaType}, else
 * from the response's Content-Type, else from its shape; every field is checked so that a malformed document is
 * an {@link ImageFormatException} saying what was wrong.
 */
public sealed interface ManifestDocument {
  int MAX_BYTES = 4 << 20;

  /** A manifest list / image index: one manifest per platform. */
  record Index(List<Descriptor> manifests) implements ManifestDocument {}

  /** An image manifest: its config blob and its layers, lowest first. */
  record Manifest(Descriptor config, List<Descriptor> layers) implements ManifestDocument {}

  static ManifestDocument parse(byte[] json, String contentType) {
    return parse(json, contentType, true);
  }

  /**
   * An artifact's manifest (a model packaged for a registry, say): an image manifest whose layers may be of any
   * media type, for the caller to judge. An index is refused: artifacts are pushed as one manifest.
   */
  static Manifest artifact(byte[] json, String contentType) {
    if (parse(json, contentType, false) instanceof Manifest manifest) {
      return manifest;
    }
    throw new ImageFormatException("the reference names an index (a multi-platform image), not an artifact's "
        + "manifest");
  }

  private static ManifestDocument parse(byte[] json, String contentType, boolean tarLayersOnly) {
    JsonNode root = UntrustedJson.object(json, MAX_BYTES, "manifest");
    String type = root.path("mediaType").isTextual() ? root.get("mediaType").asText()
        : contentType == null ? "" : contentType.split(";")[0].trim();
    if (MediaTypes.INDEXES.contains(type) || !MediaTypes.MANIFESTS.contains(type) && root.has("manifests")) {
      return new Index(descriptors(root, "manifests", true));
    }
    if (MediaTypes.MANIFESTS.contains(type) || root.has("layers")) {
      if (root.path("schemaVersion").asInt() != 2) {
        throw new ImageFormatException("manifest schemaVersion must be 2 (Docker schema 1 is not supported)");
      }
      Descriptor config = descriptor(root.get("config"), "config", false);
      List<Descriptor> layers = descriptors(root, "layers", false);
      for (Descriptor layer : layers) {
        if (tarLayersOnly && !MediaTypes.LAYERS.contains(layer.mediaType())) {
          throw new ImageFormatException("layer " + layer.digest() + " has media type '" + layer.mediaType()
              + "'; only tar and tar+gzip layers are supported");
        }
      }
      return new Manifest(config, layers);
    }
    throw new ImageFormatException("document of media type '" + type + "' is neither an image manifest nor an "
        + "index (Docker schema 1 is not supported)");
  }

  private static List<Descriptor> descriptors(JsonNode root, String field, boolean withPlatform) {
    JsonNode array = root.get(field);
    if (array == null || !array.isArray()) {
      throw new ImageFormatException("manifest field '" + field + "' must be an array");
    }
    List<Descriptor> result = new ArrayList<>();
    for (JsonNode node : array) {
      result.add(descriptor(node, field, withPlatform));
    }
    return List.copyOf(result);
  }

  private static Descriptor descriptor(JsonNode node, String field, boolean withPlatform) {
    if (node == null || !node.isObject()) {
      throw new ImageFormatException("manifest field '" + field + "' must hold descriptor objects");
    }
    JsonNode digest = node.get("digest");
    JsonNode size = node.get("size");
    if (digest == null || !digest.isTextual()) {
      throw new ImageFormatException("a descriptor in '" + field + "' has no digest");
    }
    if (size == null || !size.canConvertToLong() || !size.isIntegralNumber() || size.asLong() < 0) {
      throw new ImageFormatException("a descriptor in '" + field + "' has no valid size");
    }
    Digest parsed;
    try {
      parsed = Digest.parse(digest.asText());
    } catch (RuntimeException e) {
      throw new ImageFormatException("a descriptor in '" + field + "' has digest '" + digest.asText()
          + "'; expected sha256:<64 hex digits>");
    }
    Optional<Descriptor.Platform> platform = Optional.empty();
    JsonNode p = node.get("platform");
    if (withPlatform && p != null && p.isObject()) {
      platform = Optional.of(new Descriptor.Platform(p.path("os").asText(""), p.path("architecture").asText(""),
          p.path("variant").asText("")));
    }
    return new Descriptor(node.path("mediaType").asText(""), parsed, size.asLong(), platform);
  }
}
