package ai.hanzo.node.p2p.qos;

/** The protocol id and message bound of {@code /hanzo/qos/1.0.0}. */
public final class QosProtocol {
  public static final String ID = "/hanzo/qos/1.0.0";
  /** A proof with its challenge is under 2 KiB, a model challenge's text included; much larger is not one. */
  public static final int MAX_MESSAGE = 8 * 1024;
  /** Refusal messages, in characters; longer ones are clipped when sent. */
  public static final int MAX_REFUSAL = 1024;

  private QosProtocol() {}
}
