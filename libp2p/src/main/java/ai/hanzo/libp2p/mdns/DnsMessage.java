package ai.hanzo.libp2p.mdns;

import java.util.List;

/**
 * A DNS message (RFC 1035 §4): header id and flags, then the four sections. mDNS uses id 0 and, in responses, the
 * QR and AA flags (RFC 6762 §18).
 */
public record DnsMessage(int id, int flags, List<DnsQuestion> questions, List<DnsRecord> answers,
    List<DnsRecord> authorities, List<DnsRecord> additionals) {
  public static final int FLAG_RESPONSE = 0x8000;
  public static final int FLAG_AUTHORITATIVE = 0x0400;
  /** RFC 6762 §17: an mDNS message may be as large as 9000 bytes, and a receiver must accept that much. */
  public static final int MDNS_MAX_BYTES = 9000;

  public DnsMessage {
    DnsRecord.requireU16("message id", id);
    DnsRecord.requireU16("flags", flags);
    questions = List.copyOf(questions);
    answers = List.copyOf(answers);
    authorities = List.copyOf(authorities);
    additionals = List.copyOf(additionals);
    for (List<?> section : List.of(questions, answers, authorities, additionals)) {
      if (section.size() > 0xFFFF) {
        throw new IllegalArgumentException("a DNS section holds at most 65535 entries, not " + section.size());
      }
    }
  }

  public static DnsMessage query(List<DnsQuestion> questions) {
    return new DnsMessage(0, 0, questions, List.of(), List.of(), List.of());
  }

  public static DnsMessage response(List<DnsRecord> answers, List<DnsRecord> additionals) {
    return new DnsMessage(0, FLAG_RESPONSE | FLAG_AUTHORITATIVE, List.of(), answers, List.of(), additionals);
  }

  public boolean isResponse() {
    return (flags & FLAG_RESPONSE) != 0;
  }

  /** Bits 11-14: 0 is a standard query; RFC 6762 §18.3 says to ignore messages with any other opcode. */
  public int opcode() {
    return (flags >>> 11) & 0xF;
  }
}
