package ai.hanzo.libp2p.multistream;

import java.util.List;

/**
 * The dialer's side of multistream-select: header and first proposal in one write, then the next
 * proposal after each {@code na}.
 */
public final class DialerNegotiation implements Negotiation {
  private final List<String> proposals;
  private int current;
  private boolean headerSeen;
  private boolean done;

  public DialerNegotiation(List<String> proposals) {
    if (proposals.isEmpty()) {
      throw new IllegalArgumentException("at least one protocol to propose is needed");
    }
    this.proposals = List.copyOf(proposals);
  }

  @Override
  public NegotiationStep start() {
    return new NegotiationStep(
        MultistreamMessages.encode(MultistreamMessages.PROTOCOL_ID, proposals.get(0)), null);
  }

  @Override
  public NegotiationStep onMessage(String message) throws MultistreamException {
    MultistreamMessages.requireOpen(done);
    if (!headerSeen) {
      MultistreamMessages.requireHeader(message);
      headerSeen = true;
      return NegotiationStep.NOTHING;
    }
    String proposal = proposals.get(current);
    if (proposal.equals(message)) {
      done = true;
      return new NegotiationStep(new byte[0], proposal);
    }
    if (!MultistreamMessages.NA.equals(message)) {
      throw new MultistreamException(
          "unexpected answer '" + message + "' to the proposal '" + proposal + "'");
    }
    current++;
    if (current == proposals.size()) {
      done = true;
      throw new MultistreamException("the remote supports none of " + proposals);
    }
    return new NegotiationStep(MultistreamMessages.encode(proposals.get(current)), null);
  }
}
