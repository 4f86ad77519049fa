package ai.hanzo.libp2p.mdns;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;

/** The RDATA of a record, one type per kind; types this codec does not interpret stay {@link Opaque}. */
public sealed interface RecordData {
  int TYPE_A = 1;
  int TYPE_PTR = 12;
  int TYPE_TXT = 16;
  int TYPE_AAAA = 28;
  int TYPE_SRV = 33;
  int TYPE_ANY = 255;
  /** RFC 1035 §3.3: a character-string is a length byte and at most 255 bytes. */
  int MAX_TXT_STRING = 255;

  int type();

  record Ptr(DnsName target) implements RecordData {
    @Override
    public int type() {
      return TYPE_PTR;
    }
  }

  /** TXT strings as raw bytes: DNS-SD values are binary-safe (RFC 6763 §6.5). */
  record Txt(List<byte[]> strings) implements RecordData {
    public Txt {
      strings = strings.stream().map(byte[]::clone).toList();
      for (byte[] s : strings) {
        if (s.length > MAX_TXT_STRING) {
          throw new IllegalArgumentException("TXT string of " + s.length + " bytes; at most "
              + MAX_TXT_STRING + " fit in one");
        }
      }
    }

    @Override
    public List<byte[]> strings() {
      return strings.stream().map(byte[]::clone).toList();
    }

    @Override
    public int type() {
      return TYPE_TXT;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Txt other && strings.size() == other.strings.size()
          && IntStream.range(0, strings.size())
              .allMatch(i -> Arrays.equals(strings.get(i), other.strings.get(i)));
    }

    @Override
    public int hashCode() {
      return strings.stream().mapToInt(Arrays::hashCode).reduce(1, (a, b) -> 31 * a + b);
    }

    @Override
    public String toString() {
      return "Txt" + strings.stream().map(s -> new String(s, StandardCharsets.UTF_8)).toList();
    }
  }

  record Srv(int priority, int weight, int port, DnsName target) implements RecordData {
    public Srv {
      DnsRecord.requireU16("SRV priority", priority);
      DnsRecord.requireU16("SRV weight", weight);
      DnsRecord.requireU16("SRV port", port);
    }

    @Override
    public int type() {
      return TYPE_SRV;
    }
  }

  record A(Inet4Address address) implements RecordData {
    @Override
    public int type() {
      return TYPE_A;
    }
  }

  record Aaaa(Inet6Address address) implements RecordData {
    @Override
    public int type() {
      return TYPE_AAAA;
    }
  }

  /** Any other type (NSEC, HINFO, ...), kept as bytes so a message still round-trips. */
  record Opaque(int type, byte[] bytes) implements RecordData {
    public Opaque {
      DnsRecord.requireU16("record type", type);
      if (type == TYPE_A || type == TYPE_PTR || type == TYPE_TXT || type == TYPE_AAAA || type == TYPE_SRV) {
        throw new IllegalArgumentException("type " + type + " has its own record data class");
      }
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Opaque other && type == other.type && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
      return 31 * type + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "Opaque[type=" + type + ", bytes=" + HexFormat.of().formatHex(bytes) + "]";
    }
  }
}
