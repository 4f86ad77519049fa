package ai.hanzo.libp2p.mdns;

import ai.hanzo.testing.RandomCases;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** Generates valid DNS messages: names that share suffixes (so compression has work), every record kind. */
final class RandomDnsMessages {
  private static final String[] SUFFIXES = {"local", "_udp.local", "_p2p._udp.local", "Local", "example.org"};
  private static final String LABEL_CHARS = "abcXYZ019-_ .é日";

  private RandomDnsMessages() {}

  static DnsMessage message(RandomCases r) {
    return new DnsMessage(r.nextInt(0x10000), r.nextInt(0x10000), list(r, 4, () -> question(r)),
        list(r, 6, () -> record(r)), list(r, 2, () -> record(r)), list(r, 6, () -> record(r)));
  }

  static DnsName name(RandomCases r) {
    DnsName name = DnsName.parse(SUFFIXES[r.nextInt(SUFFIXES.length)]);
    for (int i = r.nextInt(3); i > 0; i--) {
      name = name.prepend(label(r));
    }
    return r.nextInt(20) == 0 ? new DnsName(List.of()) : name;
  }

  private static String label(RandomCases r) {
    StringBuilder label = new StringBuilder();
    for (int i = 1 + r.nextInt(r.nextBoolean() ? 8 : 20); i > 0; i--) {
      label.append(LABEL_CHARS.charAt(r.nextInt(LABEL_CHARS.length())));
    }
    return label.toString();
  }

  private static DnsQuestion question(RandomCases r) {
    return new DnsQuestion(name(r), r.nextInt(0x10000), r.nextInt(0x10000));
  }

  private static DnsRecord record(RandomCases r) {
    return new DnsRecord(name(r), r.nextInt(0x10000), r.nextLong(0x1_0000_0000L), data(r));
  }

  private static RecordData data(RandomCases r) {
    try {
      return switch (r.nextInt(6)) {
        case 0 -> new RecordData.Ptr(name(r));
        case 1 -> new RecordData.Txt(list(r, 4, () -> r.bytes(r.nextInt(4) == 0 ? 255 : 40)));
        case 2 -> new RecordData.Srv(r.nextInt(0x10000), r.nextInt(0x10000), r.nextInt(0x10000), name(r));
        case 3 -> new RecordData.A((Inet4Address) InetAddress.getByAddress(r.exactly(4)));
        case 4 -> new RecordData.Aaaa(Inet6Address.getByAddress(null, r.exactly(16), null));
        default -> new RecordData.Opaque(opaqueType(r), r.bytes(30));
      };
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private static int opaqueType(RandomCases r) {
    int[] known = {RecordData.TYPE_A, RecordData.TYPE_PTR, RecordData.TYPE_TXT, RecordData.TYPE_AAAA,
        RecordData.TYPE_SRV};
    while (true) {
      int type = r.nextInt(0x10000);
      if (java.util.Arrays.stream(known).noneMatch(k -> k == type)) {
        return type;
      }
    }
  }

  private static <T> List<T> list(RandomCases r, int max, java.util.function.Supplier<T> item) {
    List<T> out = new ArrayList<>();
    for (int i = r.nextInt(max + 1); i > 0; i--) {
      out.add(item.get());
    }
    return out;
  }
}
