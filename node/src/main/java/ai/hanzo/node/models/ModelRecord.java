package ai.hanzo.node.models;

/**
 * A model in the store: its name, the file that holds it (under the store's directory), size, SHA-256 of the
 * content, what its header says, and when it was added (ISO-8601). A model of kind {@code openai-upstream} has no
 * file (empty {@code file} and {@code sha256}, size 0) and names its server in {@code upstream}; a GGUF model's
 * {@code upstream} is null (records written before upstreams existed read so).
 */
public record ModelRecord(String name, String file, long size, String sha256, ModelInfo info, String addedAt,
    UpstreamTarget upstream) {
  /** The engine kind of a model served by another, OpenAI-compatible server. */
  public static final String UPSTREAM_KIND = "openai-upstream";

  /** A GGUF model in the store. */
  public ModelRecord(String name, String file, long size, String sha256, ModelInfo info, String addedAt) {
    this(name, file, size, sha256, info, addedAt, null);
  }

  /** {@code openai-upstream} or {@code llama.cpp}: which engine serves the model. */
  public String kind() {
    return upstream != null ? UPSTREAM_KIND : "llama.cpp";
  }
}
