package ai.hanzo.libp2p.mdns;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes a DNS message, with name compression (every name, including PTR and SRV targets, as RFC 6762 §18.14
 * allows) or without.
 */
public final class DnsMessageEncoder {
  private static final int MAX_POINTER_OFFSET = 0x3FFF;

  private final boolean compress;
  private final Map<List<String>, Integer> suffixOffsets = new HashMap<>();
  private byte[] out = new byte[512];
  private int size;

  private DnsMessageEncoder(boolean compress) {
    this.compress = compress;
  }

  /** @throws IllegalArgumentException when the message does not fit in 65535 bytes */
  public static byte[] encode(DnsMessage message, boolean compress) {
    return new DnsMessageEncoder(compress).message(message);
  }

  private byte[] message(DnsMessage m) {
    u16(m.id());
    u16(m.flags());
    u16(m.questions().size());
    u16(m.answers().size());
    u16(m.authorities().size());
    u16(m.additionals().size());
    for (DnsQuestion q : m.questions()) {
      name(q.name());
      u16(q.type());
      u16(q.qclass());
    }
    for (List<DnsRecord> section : List.of(m.answers(), m.authorities(), m.additionals())) {
      section.forEach(this::record);
    }
    return Arrays.copyOf(out, size);
  }

  private void record(DnsRecord r) {
    name(r.name());
    u16(r.type());
    u16(r.rrclass());
    u16((int) (r.ttl() >>> 16));
    u16((int) (r.ttl() & 0xFFFF));
    int lengthAt = size;
    u16(0);
    data(r.data());
    int length = size - lengthAt - 2;
    if (length > 0xFFFF) {
      throw new IllegalArgumentException("record data of " + r.name() + " takes " + length
          + " bytes; at most 65535 fit");
    }
    out[lengthAt] = (byte) (length >>> 8);
    out[lengthAt + 1] = (byte) length;
  }

  private void data(RecordData data) {
    if (data instanceof RecordData.Ptr ptr) {
      name(ptr.target());
    } else if (data instanceof RecordData.Txt txt) {
      for (byte[] s : txt.strings()) {
        u8(s.length);
        bytes(s);
      }
    } else if (data instanceof RecordData.Srv srv) {
      u16(srv.priority());
      u16(srv.weight());
      u16(srv.port());
      name(srv.target());
    } else if (data instanceof RecordData.A a) {
      bytes(a.address().getAddress());
    } else if (data instanceof RecordData.Aaaa aaaa) {
      bytes(aaaa.address().getAddress());
    } else {
      bytes(((RecordData.Opaque) data).bytes());
    }
  }

  private void name(DnsName name) {
    List<String> labels = name.labels();
    for (int i = 0; i < labels.size(); i++) {
      if (compress) {
        // Exact labels as the key: a case-folded match would change the case of the decoded name.
        List<String> suffix = labels.subList(i, labels.size());
        Integer earlier = suffixOffsets.get(suffix);
        if (earlier != null) {
          u16(0xC000 | earlier);
          return;
        }
        if (size <= MAX_POINTER_OFFSET) {
          suffixOffsets.put(List.copyOf(suffix), size);
        }
      }
      byte[] label = labels.get(i).getBytes(StandardCharsets.UTF_8);
      u8(label.length);
      bytes(label);
    }
    u8(0);
  }

  private void u8(int value) {
    ensure(1);
    out[size++] = (byte) value;
  }

  private void u16(int value) {
    ensure(2);
    out[size++] = (byte) (value >>> 8);
    out[size++] = (byte) value;
  }

  private void bytes(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, out, size, b.length);
    size += b.length;
  }

  private void ensure(int more) {
    if (size + more > 0xFFFF) {
      throw new IllegalArgumentException("DNS message would exceed 65535 bytes");
    }
    if (size + more > out.length) {
      out = Arrays.copyOf(out, Math.max(out.length * 2, size + more));
    }
  }
}
