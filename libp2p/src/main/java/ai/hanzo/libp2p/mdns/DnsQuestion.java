package ai.hanzo.libp2p.mdns;

/**
 * One question. {@code qclass}'s top bit is mDNS's "unicast response wanted" (RFC 6762 §5.4); the rest is the class,
 * {@link DnsRecord#CLASS_IN} here.
 */
public record DnsQuestion(DnsName name, int type, int qclass) {
  public DnsQuestion {
    DnsRecord.requireU16("question type", type);
    DnsRecord.requireU16("question class", qclass);
  }

  public static DnsQuestion of(DnsName name, int type) {
    return new DnsQuestion(name, type, DnsRecord.CLASS_IN);
  }

  public boolean unicastResponse() {
    return (qclass & DnsRecord.TOP_BIT) != 0;
  }
}
