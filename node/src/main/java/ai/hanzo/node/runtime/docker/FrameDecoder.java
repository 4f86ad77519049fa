package ai.hanzo.node.runtime.docker;

import ai.hanzo.node.runtime.LogStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * Splits the Docker API's multiplexed stream (used when no tty is attached) into its frames: an 8-byte header
 * (stream 0 stdin, 1 stdout, 2 stderr; three zero bytes; big-endian payload length) and the payload. Bytes come in
 * any split; a malformed header is an {@link IOException}, and a frame larger than {@code maxFrame} is refused
 * before anything is allocated for it.
 */
final class FrameDecoder {
  /** Receives a decoded frame. */
  @FunctionalInterface
  interface FrameSink {
    void onFrame(LogStream stream, byte[] payload);
  }

  private final int maxFrame;
  private final FrameSink sink;
  private final byte[] header = new byte[8];
  private int headerFilled;
  private byte[] payload;
  private int payloadFilled;
  private LogStream stream;

  FrameDecoder(int maxFrame, FrameSink sink) {
    this.maxFrame = maxFrame;
    this.sink = sink;
  }

  void feed(byte[] bytes, int offset, int count) throws IOException {
    int position = offset;
    int end = offset + count;
    while (position < end) {
      if (payload == null) {
        int take = Math.min(8 - headerFilled, end - position);
        System.arraycopy(bytes, position, header, headerFilled, take);
        headerFilled += take;
        position += take;
        if (headerFilled == 8) {
          startFrame();
        }
      } else {
        int take = Math.min(payload.length - payloadFilled, end - position);
        System.arraycopy(bytes, position, payload, payloadFilled, take);
        payloadFilled += take;
        position += take;
      }
      if (payload != null && payloadFilled == payload.length) {
        byte[] done = payload;
        payload = null;
        headerFilled = 0;
        if (done.length > 0) {
          sink.onFrame(stream, done);
        }
      }
    }
  }

  /** Whether the stream may end here (not inside a frame). */
  boolean atFrameBoundary() {
    return payload == null && headerFilled == 0;
  }

  private void startFrame() throws IOException {
    stream = switch (header[0]) {
      case 0, 1 -> LogStream.STDOUT;
      case 2 -> LogStream.STDERR;
      default -> throw new IOException("not a multiplexed stream: stream type " + (header[0] & 0xff));
    };
    if (header[1] != 0 || header[2] != 0 || header[3] != 0) {
      throw new IOException("not a multiplexed stream: header " + Arrays.toString(header));
    }
    long length = ((header[4] & 0xffL) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8)
        | (header[7] & 0xff);
    if (length > maxFrame) {
      throw new IOException("frame of " + length + " bytes exceeds the limit of " + maxFrame);
    }
    payload = new byte[(int) length];
    payloadFilled = 0;
  }
}
