package ai.hanzo.libp2p.mdns;

/**
 * A resource record. {@code rrclass}'s top bit is mDNS's cache-flush bit (RFC 6762 §10.2); the rest is the class.
 * The type comes from {@code data}.
 */
public record DnsRecord(DnsName name, int rrclass, long ttl, RecordData data) {
  public static final int CLASS_IN = 1;
  public static final int TOP_BIT = 0x8000;

  public DnsRecord {
    requireU16("record class", rrclass);
    if (ttl < 0 || ttl > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("TTL " + ttl + " is not an unsigned 32-bit number");
    }
  }

  public static DnsRecord in(DnsName name, long ttl, RecordData data) {
    return new DnsRecord(name, CLASS_IN, ttl, data);
  }

  public int type() {
    return data.type();
  }

  public boolean cacheFlush() {
    return (rrclass & TOP_BIT) != 0;
  }

  static void requireU16(String what, int value) {
    if (value < 0 || value > 0xFFFF) {
      throw new IllegalArgumentException(what + " " + value + " is not an unsigned 16-bit number");
    }
  }
}
