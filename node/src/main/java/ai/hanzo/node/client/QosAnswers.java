package ai.hanzo.node.client;

import java.util.Base64;
import java.util.List;

/**
 * What the node answers about quality of service, as the CLI prints it; the components carry the names of
 * {@code qos.proto}'s JSON ({@code roundTripMs}, ...), and a proof is its export form in base64, as the node's JSON
 * has it.
 */
public final class QosAnswers {
  private QosAnswers() {}

  /** One challenge this node ran. */
  public record Challenge(String id, String type, String provider, String challenger, long difficulty,
      String issuedAt, String deadline, boolean passed, String failure, double roundTripMs, double pingRttMs,
      long bytesPerSecond, String finishedAt, String proof) {}

  /** A page of challenges, newest first; {@code nextPageToken} empty on the last. */
  public record Challenges(List<Challenge> challenges, String nextPageToken) {}

  /** A provider's composite score and its components, each in [0, 1]. */
  public record Score(String provider, double composite, double compute, double latency, double bandwidth,
      double availability, double consistency, double confidence, double trend, long challenges) {}

  /** A provider's score, failure counters and ban. */
  public record State(String provider, Score score, long challenges, long failures, int consecutiveFailures,
      double slashedFraction, boolean banned, String bannedUntil, boolean permanentBan, String banReason,
      String updatedAt) {}

  /** Slash evidence this node stored and the journaled slash transaction ({@code txHash} empty when none). */
  public record Slash(String evidenceId, String provider, String operator, List<String> challengeIds,
      List<String> challengers, int shareBps, String reason, String createdAt, String txHash, String journalState) {}

  /** A page of slashes, newest first; {@code nextPageToken} empty on the last. */
  public record Slashes(List<Slash> slashes, String nextPageToken) {}

  static Slashes slashes(ai.hanzo.node.api.v1.ListProviderSlashesResponse r) {
    return new Slashes(r.getSlashesList().stream().map(s -> new Slash(s.getEvidenceId(), s.getProvider(),
        s.getOperator(), List.copyOf(s.getChallengeIdsList()), List.copyOf(s.getChallengersList()), s.getShareBps(),
        s.getReason(), s.getCreatedAt(), s.getTxHash(), s.getJournalState())).toList(), r.getNextPageToken());
  }

  static Challenge challenge(ai.hanzo.node.api.v1.QosChallengeResult r) {
    return new Challenge(r.getId(), r.getType(), r.getProvider(), r.getChallenger(), r.getDifficulty(),
        r.getIssuedAt(), r.getDeadline(), r.getPassed(), r.getFailure(), r.getRoundTripMs(), r.getPingRttMs(),
        r.getBytesPerSecond(), r.getFinishedAt(), Base64.getEncoder().encodeToString(r.getProof().toByteArray()));
  }

  static Challenges challenges(ai.hanzo.node.api.v1.ListChallengesResponse r) {
    return new Challenges(r.getChallengesList().stream().map(QosAnswers::challenge).toList(),
        r.getNextPageToken());
  }

  static Score score(ai.hanzo.node.api.v1.QosProviderScore s) {
    return new Score(s.getProvider(), s.getComposite(), s.getCompute(), s.getLatency(), s.getBandwidth(),
        s.getAvailability(), s.getConsistency(), s.getConfidence(), s.getTrend(), s.getChallenges());
  }

  static State state(ai.hanzo.node.api.v1.QosProviderState s) {
    return new State(s.getProvider(), score(s.getScore()), s.getChallenges(), s.getFailures(),
        s.getConsecutiveFailures(), s.getSlashedFraction(), s.getBanned(), s.getBannedUntil(), s.getPermanentBan(),
        s.getBanReason(), s.getUpdatedAt());
  }
}
