package ai.hanzo.node.p2p.placement;

/**
 * One candidate's answer to one demand.
 *
 * @param refusal why it cannot run the deployment, every reason joined with "; "; empty when it can
 */
public record Verdict(Candidate candidate, String refusal) {
  public boolean fits() {
    return refusal.isEmpty();
  }

  /** {@code node-c (12D3KooW...): cordoned}, for error messages. */
  public String describe() {
    return candidate.nodeId() + (candidate.local() ? " (this node)" : "") + ": "
        + (fits() ? "fits" : refusal);
  }
}
