package ai.hanzo.libp2p.multistream;

/**
 * What a negotiation state machine wants done after an input: bytes to send (possibly empty) and,
 * once agreed, the selected protocol (else null).
 */
public record NegotiationStep(byte[] reply, String selected) {
  public static final NegotiationStep NOTHING = new NegotiationStep(new byte[0], null);

  public boolean isSelected() {
    return selected != null;
  }
}
