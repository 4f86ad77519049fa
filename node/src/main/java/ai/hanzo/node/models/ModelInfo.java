package ai.hanzo.node.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * What {@code models inspect} shows of a GGUF model, read from its header alone. Numbers the file does not state
 * are 0 and texts it does not state are empty.
 *
 * @param architecture {@code general.architecture}, e.g. {@code llama}
 * @param parameterCount the elements of all tensors together
 * @param contextLength {@code <architecture>.context_length}: the context the model was trained for
 * @param quantization the name of {@code general.file_type} (e.g. {@code Q4_K_M}), else the tensor type that holds
 *     most of the weights
 * @param tokenizer {@code tokenizer.ggml.model}, e.g. {@code llama} (SentencePiece) or {@code gpt2} (BPE)
 * @param vocabularySize the entries of {@code tokenizer.ggml.tokens}, else {@code <architecture>.vocab_size}
 */
public record ModelInfo(String name, String architecture, long parameterCount, long contextLength,
    String quantization, String tokenizer, long vocabularySize, long embeddingLength, long blockCount,
    long headCount, long headCountKv, int tensorCount, long fileSize) {

  /** Reads {@code file}'s header; weights are not read. */
  public static ModelInfo inspect(Path file) throws IOException {
    return of(GgufReader.read(file));
  }

  public static ModelInfo of(GgufFile gguf) {
    String arch = gguf.string("general.architecture")
        .orElseThrow(() -> new GgufFormatException("the file names no general.architecture"));
    long parameters = 0;
    for (TensorInfo t : gguf.tensors()) {
      parameters += t.elements();
    }
    long heads = gguf.integer(arch + ".attention.head_count").orElse(0L);
    return new ModelInfo(gguf.string("general.name").orElse(""), arch, parameters,
        gguf.integer(arch + ".context_length").orElse(0L), quantization(gguf),
        gguf.string("tokenizer.ggml.model").orElse(""),
        gguf.array("tokenizer.ggml.tokens").map(GgufArray::length)
            .orElseGet(() -> gguf.integer(arch + ".vocab_size").orElse(0L)),
        gguf.integer(arch + ".embedding_length").orElse(0L), gguf.integer(arch + ".block_count").orElse(0L),
        heads, gguf.integer(arch + ".attention.head_count_kv").orElse(heads), gguf.tensors().size(),
        gguf.fileSize());
  }

  /** This info with its texts (taken from the file) cut to {@code max} characters, for storing. */
  public ModelInfo clipped(int max) {
    return new ModelInfo(ModelStore.clip(name, max), ModelStore.clip(architecture, max), parameterCount,
        contextLength, ModelStore.clip(quantization, max), ModelStore.clip(tokenizer, max), vocabularySize,
        embeddingLength, blockCount, headCount, headCountKv, tensorCount, fileSize);
  }

  /**
   * Bytes of an F16 key/value cache for {@code contextTokens} tokens: two vectors per layer and token, each as wide
   * as the key/value heads. 0 when the header lacks the numbers.
   */
  public long kvCacheBytes(long contextTokens) {
    if (headCount <= 0 || headCountKv <= 0) {
      return 0;
    }
    long kvWidth = embeddingLength / headCount * headCountKv;
    return 2L * blockCount * contextTokens * kvWidth * 2L;
  }

  private static String quantization(GgufFile gguf) {
    Long fileType = gguf.integer("general.file_type").orElse(null);
    if (fileType != null && FileTypes.name(fileType) != null) {
      return FileTypes.name(fileType);
    }
    Map<TensorType, Long> bytesByType = new EnumMap<>(TensorType.class);
    for (TensorInfo t : gguf.tensors()) {
      bytesByType.merge(t.type(), t.bytes(), Long::sum);
    }
    return bytesByType.entrySet().stream().max(Map.Entry.comparingByValue())
        .map(e -> e.getKey().name()).orElse("");
  }
}
