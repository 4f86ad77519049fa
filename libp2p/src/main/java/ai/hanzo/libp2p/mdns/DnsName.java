package ai.hanzo.libp2p.mdns;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A domain name as its labels, e.g. {@code [_p2p, _udp, local]}; the root is no labels. Labels are UTF-8 (RFC 6762
 * §16) and may contain dots, which DNS-SD instance names do.
 */
public record DnsName(List<String> labels) {
  public static final int MAX_LABEL_BYTES = 63;
  public static final int MAX_WIRE_BYTES = 255;

  public DnsName {
    labels = List.copyOf(labels);
    int wire = 1;
    for (String label : labels) {
      int length = label.getBytes(StandardCharsets.UTF_8).length;
      if (length == 0 || length > MAX_LABEL_BYTES) {
        throw new IllegalArgumentException("DNS label '" + label + "' has " + length
            + " bytes; a label has 1 to " + MAX_LABEL_BYTES);
      }
      wire += 1 + length;
    }
    if (wire > MAX_WIRE_BYTES) {
      throw new IllegalArgumentException("DNS name " + String.join(".", labels) + " takes " + wire
          + " bytes on the wire; at most " + MAX_WIRE_BYTES + " are allowed");
    }
  }

  /** Splits dotted text into labels ({@code "_p2p._udp.local"}); one trailing dot is allowed. */
  public static DnsName parse(String dotted) {
    String text = dotted.endsWith(".") ? dotted.substring(0, dotted.length() - 1) : dotted;
    return new DnsName(text.isEmpty() ? List.of() : List.of(text.split("\\.", -1)));
  }

  /** This name with {@code label} in front: {@code peer} + {@code _p2p._udp.local}. */
  public DnsName prepend(String label) {
    List<String> joined = new ArrayList<>(labels.size() + 1);
    joined.add(label);
    joined.addAll(labels);
    return new DnsName(joined);
  }

  /** Names compare without regard to ASCII case (RFC 1035 §2.3.3). */
  public boolean sameAs(DnsName other) {
    if (labels.size() != other.labels.size()) {
      return false;
    }
    for (int i = 0; i < labels.size(); i++) {
      if (!asciiLower(labels.get(i)).equals(asciiLower(other.labels.get(i)))) {
        return false;
      }
    }
    return true;
  }

  private static String asciiLower(String label) {
    char[] chars = label.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] >= 'A' && chars[i] <= 'Z') {
        chars[i] += 'a' - 'A';
      }
    }
    return new String(chars);
  }

  @Override
  public String toString() {
    return labels.isEmpty() ? "." : String.join(".", labels);
  }
}
