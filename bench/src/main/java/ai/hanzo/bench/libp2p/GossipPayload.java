package ai.hanzo.bench.libp2p;

/**
 * The bench's 1 KiB messages as ASCII text, {@code <run>:<seq>:<padding>}, so that the js peer (which reports message
 * data as UTF-8 text) and Java carry the same bytes, and a straggler of an earlier run is never taken for a message
 * of the current one.
 */
final class GossipPayload {
  static final int SIZE = 1024;
  /** Enough characters of a payload to hold its header. */
  static final int HEADER_CHARS = 24;

  private GossipPayload() {}

  /** The message's run and sequence number. */
  record Header(int run, int seq) {}

  static String of(int run, int seq) {
    String head = run + ":" + seq + ":";
    return head + "x".repeat(SIZE - head.length());
  }

  /** The header at {@code from} in {@code text}, or null when there is none. */
  static Header headerOf(CharSequence text, int from) {
    int run = 0;
    int seq = 0;
    int field = 0;
    int digits = 0;
    for (int i = from; i < text.length() && i < from + HEADER_CHARS; i++) {
      char c = text.charAt(i);
      if (c == ':') {
        if (digits == 0) {
          return null;
        }
        if (++field == 2) {
          return new Header(run, seq);
        }
        digits = 0;
      } else if (c >= '0' && c <= '9' && digits < 9) {
        digits++;
        if (field == 0) {
          run = run * 10 + (c - '0');
        } else {
          seq = seq * 10 + (c - '0');
        }
      } else {
        return null;
      }
    }
    return null;
  }
}
