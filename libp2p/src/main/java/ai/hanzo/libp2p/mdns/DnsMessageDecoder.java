package ai.hanzo.libp2p.mdns;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes one DNS message strictly: every length is checked against what is left, compression pointers must point
 * backwards into bytes already read, and nothing may follow the last record. Work and allocation are bounded by the
 * packet's length; anything malformed is a {@link DnsFormatException}.
 */
public final class DnsMessageDecoder {
  static final int HEADER_BYTES = 12;
  private static final int MIN_QUESTION_BYTES = 5;
  private static final int MIN_RECORD_BYTES = 11;

  private final byte[] packet;
  private int pos;

  private DnsMessageDecoder(byte[] packet) {
    this.packet = packet;
  }

  public static DnsMessage decode(byte[] packet) throws DnsFormatException {
    if (packet.length < HEADER_BYTES) {
      throw new DnsFormatException("DNS message of " + packet.length + " bytes is shorter than its 12-byte header");
    }
    if (packet.length > 0xFFFF) {
      throw new DnsFormatException("DNS message of " + packet.length + " bytes is larger than any UDP datagram");
    }
    return new DnsMessageDecoder(packet).message();
  }

  private DnsMessage message() throws DnsFormatException {
    int id = u16();
    int flags = u16();
    int questionCount = u16();
    int answerCount = u16();
    int authorityCount = u16();
    int additionalCount = u16();
    List<DnsQuestion> questions = new ArrayList<>(fitting(questionCount, MIN_QUESTION_BYTES));
    for (int i = 0; i < questionCount; i++) {
      DnsName name = name(packet.length, "question " + i);
      questions.add(new DnsQuestion(name, u16(), u16()));
    }
    List<DnsRecord> answers = records(answerCount, "answer");
    List<DnsRecord> authorities = records(authorityCount, "authority");
    List<DnsRecord> additionals = records(additionalCount, "additional");
    if (pos != packet.length) {
      throw new DnsFormatException((packet.length - pos) + " bytes follow the last record at offset " + pos);
    }
    return new DnsMessage(id, flags, questions, answers, authorities, additionals);
  }

  /** Pre-sizes a list no larger than the bytes left could fill, whatever count the header claims. */
  private int fitting(int count, int minBytes) {
    return Math.min(count, (packet.length - pos) / minBytes);
  }

  private List<DnsRecord> records(int count, String section) throws DnsFormatException {
    List<DnsRecord> records = new ArrayList<>(fitting(count, MIN_RECORD_BYTES));
    for (int i = 0; i < count; i++) {
      String where = section + " " + i;
      DnsName name = name(packet.length, where);
      int type = u16();
      int rrclass = u16();
      long ttl = u32();
      int length = u16();
      if (length > packet.length - pos) {
        throw new DnsFormatException(where + " (type " + type + ") claims " + length + " bytes of data but only "
            + (packet.length - pos) + " are left");
      }
      int end = pos + length;
      records.add(new DnsRecord(name, rrclass, ttl, data(type, end, where)));
      if (pos != end) {
        throw new DnsFormatException(where + " (type " + type + ") has " + (end - pos)
            + " bytes of data after its value");
      }
    }
    return records;
  }

  private RecordData data(int type, int end, String where) throws DnsFormatException {
    int length = end - pos;
    return switch (type) {
      case RecordData.TYPE_PTR -> new RecordData.Ptr(name(end, where + " PTR target"));
      case RecordData.TYPE_TXT -> txt(end);
      case RecordData.TYPE_SRV -> {
        if (length < 7) {
          throw new DnsFormatException(where + " SRV data of " + length + " bytes; at least 7 are needed");
        }
        yield new RecordData.Srv(u16(), u16(), u16(), name(end, where + " SRV target"));
      }
      case RecordData.TYPE_A -> new RecordData.A((Inet4Address) address(4, length, where));
      case RecordData.TYPE_AAAA -> new RecordData.Aaaa((Inet6Address) address(16, length, where));
      default -> {
        byte[] bytes = Arrays.copyOfRange(packet, pos, end);
        pos = end;
        yield new RecordData.Opaque(type, bytes);
      }
    };
  }

  private RecordData.Txt txt(int end) throws DnsFormatException {
    List<byte[]> strings = new ArrayList<>();
    while (pos < end) {
      int length = packet[pos++] & 0xFF;
      if (length > end - pos) {
        throw new DnsFormatException("TXT string at offset " + (pos - 1) + " claims " + length
            + " bytes but the record has " + (end - pos) + " left");
      }
      strings.add(Arrays.copyOfRange(packet, pos, pos + length));
      pos += length;
    }
    return new RecordData.Txt(strings);
  }

  private InetAddress address(int size, int length, String where) throws DnsFormatException {
    if (length != size) {
      throw new DnsFormatException(where + " address of " + length + " bytes; expected " + size);
    }
    try {
      // Inet6Address would collapse an IPv4-mapped address to Inet4Address; keep the 16 bytes as sent.
      InetAddress address = size == 16
          ? Inet6Address.getByAddress(null, Arrays.copyOfRange(packet, pos, pos + size), null)
          : InetAddress.getByAddress(Arrays.copyOfRange(packet, pos, pos + size));
      pos += size;
      return address;
    } catch (UnknownHostException e) {
      throw new DnsFormatException(where + " address: " + e.getMessage());
    }
  }

  private DnsName name(int limit, String where) throws DnsFormatException {
    NameReader reader = new NameReader(packet, pos, limit, where);
    DnsName name = reader.read();
    pos = reader.next();
    return name;
  }

  private int u16() throws DnsFormatException {
    if (packet.length - pos < 2) {
      throw new DnsFormatException("truncated at offset " + pos + ": a 16-bit field needs 2 bytes");
    }
    int value = ((packet[pos] & 0xFF) << 8) | (packet[pos + 1] & 0xFF);
    pos += 2;
    return value;
  }

  private long u32() throws DnsFormatException {
    long high = u16();
    return (high << 16) | u16();
  }
}
