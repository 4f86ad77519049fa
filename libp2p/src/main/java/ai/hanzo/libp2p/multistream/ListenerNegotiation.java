package ai.hanzo.libp2p.multistream;

import java.util.List;
import java.util.function.Predicate;

/**
 * The listener's side of multistream-select: answers the header with the header, echoes a
 * supported protocol, lists its protocols on {@code ls}, and says {@code na} to anything else.
 */
public final class ListenerNegotiation implements Negotiation {
  private final Predicate<String> supported;
  private final List<String> advertised;
  private boolean headerSeen;
  private boolean done;

  /**
   * @param supported whether a proposed protocol can be handled
   * @param advertised what {@code ls} answers
   */
  public ListenerNegotiation(Predicate<String> supported, List<String> advertised) {
    this.supported = supported;
    this.advertised = List.copyOf(advertised);
  }

  @Override
  public NegotiationStep start() {
    return NegotiationStep.NOTHING;
  }

  @Override
  public NegotiationStep onMessage(String message) throws MultistreamException {
    MultistreamMessages.requireOpen(done);
    if (!headerSeen) {
      MultistreamMessages.requireHeader(message);
      headerSeen = true;
      return new NegotiationStep(MultistreamMessages.encode(MultistreamMessages.PROTOCOL_ID), null);
    }
    if (MultistreamMessages.LS.equals(message)) {
      return new NegotiationStep(MultistreamMessages.encodeList(advertised), null);
    }
    if (!MultistreamMessages.NA.equals(message) && supported.test(message)) {
      done = true;
      return new NegotiationStep(MultistreamMessages.encode(message), message);
    }
    return new NegotiationStep(MultistreamMessages.encode(MultistreamMessages.NA), null);
  }
}
