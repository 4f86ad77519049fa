package ai.hanzo.node.models;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A GGUF file's header: the metadata (scalars as Long, Double, Boolean or String; arrays as {@link GgufArray}), the
 * tensor infos, and where the tensor data starts. The weights themselves are never read.
 */
public record GgufFile(int version, Map<String, Object> metadata, List<TensorInfo> tensors, long dataOffset,
    long fileSize) {
  public GgufFile {
    metadata = Map.copyOf(metadata);
    tensors = List.copyOf(tensors);
  }

  public Optional<String> string(String key) {
    return metadata.get(key) instanceof String s ? Optional.of(s) : Optional.empty();
  }

  /** An integer value of any of GGUF's integer types. */
  public Optional<Long> integer(String key) {
    return metadata.get(key) instanceof Long l ? Optional.of(l) : Optional.empty();
  }

  public Optional<Boolean> bool(String key) {
    return metadata.get(key) instanceof Boolean b ? Optional.of(b) : Optional.empty();
  }

  public Optional<GgufArray> array(String key) {
    return metadata.get(key) instanceof GgufArray a ? Optional.of(a) : Optional.empty();
  }
}
