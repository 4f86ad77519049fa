package ai.hanzo.node.inference;

/** A finished generation: its text (without the stop sequence that ended it), why it ended, the tokens it took. */
public record Completion(String text, FinishReason finishReason, int promptTokens, int completionTokens) {
  public int totalTokens() {
    return promptTokens + completionTokens;
  }
}
