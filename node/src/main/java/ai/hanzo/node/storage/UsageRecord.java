package ai.hanzo.node.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What one inference request used: the tokens the model actually processed for it, whatever way it ended.
 *
 * @param time when the request ended (its record's place in the log)
 * @param requestId the id the API answered with (e.g. {@code chatcmpl-...}), or one of the node's own
 * @param model the store's name of the model
 * @param subject who called (a token's {@code sub}, {@code apikey:<id>}, ...); empty on a node without IAM
 * @param org the caller's organisation; {@code null} for none
 * @param api the API shape the request came by: {@code inference}, {@code completions}, {@code chat}, {@code grpc},
 *     {@code websocket}
 * @param finishReason {@code stop}, {@code length}, {@code cancelled}, {@code failed} or {@code rejected}
 */
public record UsageRecord(Instant time, String requestId, String model, String subject, String org, String api,
    int promptTokens, int completionTokens, String finishReason, Duration duration) {

  public UsageRecord {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(finishReason, "finishReason");
    Objects.requireNonNull(duration, "duration");
    if (promptTokens < 0 || completionTokens < 0) {
      throw new IllegalArgumentException("token counts must not be negative");
    }
  }

  public long totalTokens() {
    return (long) promptTokens + completionTokens;
  }
}
