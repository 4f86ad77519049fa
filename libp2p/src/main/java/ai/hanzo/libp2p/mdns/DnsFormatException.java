package ai.hanzo.libp2p.mdns;

/** A DNS message that breaks RFC 1035's wire format; the message names the field and the offset. */
public final class DnsFormatException extends Exception {
  public DnsFormatException(String message) {
    super(message);
  }
}
