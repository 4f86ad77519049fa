package ai.hanzo.node.client;

import java.util.List;

/**
 * One page of a node's inference usage and the totals per organisation and model over the whole range, and the
 * compute its deployments' containers used, per bucket of time.
 *
 * @param nextPageToken empty on the last page
 * @param totalsComplete false when the range held more records than the node sums in one query
 * @param computeComplete false when the range held more compute intervals than the node sums in one query
 */
public record UsageReport(List<Entry> records, List<Total> totals, boolean totalsComplete, String nextPageToken,
    List<Compute> compute, boolean computeComplete) {

  /**
   * One request: {@code time} in RFC 3339, {@code org} empty for none. The token counts are the wire's uint32, so
   * {@code int} here and a JSON number in {@code -o json}, as protobuf JSON prints 32-bit integers (only 64-bit ones
   * are strings); one request's counts are bounded by a model's context, far below 2^31.
   */
  public record Entry(String time, String requestId, String model, String subject, String org, String api,
      int promptTokens, int completionTokens, String finishReason, long durationMillis) {}

  /** The sums of one organisation's use of one model. */
  public record Total(String org, String model, long requests, long promptTokens, long completionTokens,
      long totalTokens) {}

  /**
   * What one deployment's containers used in {@code [start, end)} (RFC 3339); {@code org} empty for none; network
   * bytes 0 where the runtime reports none.
   */
  public record Compute(String org, String deploymentId, String start, String end, double cpuSeconds,
      double memoryGibSeconds, long intervals, double gpuSeconds, long networkRxBytes, long networkTxBytes) {}
}
