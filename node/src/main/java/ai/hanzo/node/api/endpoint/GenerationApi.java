package ai.hanzo.node.api.endpoint;

import java.util.Locale;

/** The API shape a generation (or embedding) came by, as its usage record and the request counters name it. */
public enum GenerationApi {
  /** {@code POST /v1/inference}. */
  INFERENCE,
  /** OpenAI's {@code POST /v1/completions}. */
  COMPLETIONS,
  /** OpenAI's {@code POST /v1/chat/completions}. */
  CHAT,
  /** {@code POST /v1/embed}. */
  EMBED,
  /** OpenAI's {@code POST /v1/embeddings}. */
  EMBEDDINGS,
  /** {@code hanzo.node.v1.InferenceService} (its generations and embeddings). */
  GRPC,
  /** {@code /ws/inference}. */
  WEBSOCKET,
  /** Forwarded by another node over {@code /hanzo/inference/1.0.0}. */
  NETWORK;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
