package ai.hanzo.libp2p.multistream;

/** A multistream-select state machine for either side; pure, no I/O. */
public interface Negotiation {

  /** What to send before any input (the dialer's opening, nothing for the listener). */
  NegotiationStep start();

  /** Reacts to one received message (without its '\n'). */
  NegotiationStep onMessage(String message) throws MultistreamException;
}
