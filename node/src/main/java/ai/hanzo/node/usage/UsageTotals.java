package ai.hanzo.node.usage;

/** The sums of one organisation's ({@code null}: callers without one) use of one model over a query's range. */
public record UsageTotals(String org, String model, long requests, long promptTokens, long completionTokens) {
  public long totalTokens() {
    return promptTokens + completionTokens;
  }

  UsageTotals plus(long prompt, long completion) {
    return new UsageTotals(org, model, requests + 1, promptTokens + prompt, completionTokens + completion);
  }
}
