package ai.hanzo.node.p2p.gossip;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Size limits of gossip payload fields, shared by the senders (which clip) and the decoders (which reject), so a
 * long deployment message never gets our own messages rejected and our peer score lowered.
 */
public final class PayloadLimits {
  public static final int MAX_TEXT = 256;
  public static final int MAX_ENTRIES = 64;
  /** p2p addresses in one heartbeat: a node has a handful of interfaces; more is noise or an attack on receivers. */
  public static final int MAX_P2P_ADDRESSES = 8;

  private PayloadLimits() {}

  public static String clip(String text) {
    return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
  }

  /** At most {@link #MAX_ENTRIES} entries (by key order), keys and values clipped. */
  public static Map<String, String> clip(Map<String, String> attributes) {
    Map<String, String> clipped = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : new TreeMap<>(attributes).entrySet()) {
      if (clipped.size() == MAX_ENTRIES) {
        break;
      }
      clipped.put(clip(e.getKey()), clip(e.getValue()));
    }
    return clipped;
  }
}
