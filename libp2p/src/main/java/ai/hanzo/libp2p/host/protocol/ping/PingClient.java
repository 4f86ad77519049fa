package ai.hanzo.libp2p.host.protocol.ping;

import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.StreamHandler;
import ai.hanzo.libp2p.mux.StreamResetException;
import ai.hanzo.libp2p.transport.Connection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/** The {@code /ipfs/ping/1.0.0} client: 32 random bytes out, the same 32 back, RTT measured. */
public final class PingClient {
  public static final String ID = "/ipfs/ping/1.0.0";
  static final int SIZE = 32;

  private final Random random;

  public PingClient() {
    this(new SecureRandom());
  }

  PingClient(Random random) {
    this.random = random;
  }

  public CompletableFuture<Duration> ping(Connection connection) {
    byte[] payload = new byte[SIZE];
    random.nextBytes(payload);
    return connection.newStream(ID).thenCompose(stream -> {
      CompletableFuture<Duration> rtt = new CompletableFuture<>();
      stream.setHandler(new Answer(payload, rtt));
      return rtt;
    });
  }

  private static final class Answer implements StreamHandler {
    private final byte[] sent;
    private final byte[] received = new byte[SIZE];
    private final CompletableFuture<Duration> rtt;
    private int count;
    private long start;

    Answer(byte[] sent, CompletableFuture<Duration> rtt) {
      this.sent = sent;
      this.rtt = rtt;
    }

    @Override
    public void onActive(MuxedStream stream) {
      start = System.nanoTime();
      stream.write(Unpooled.wrappedBuffer(sent));
    }

    @Override
    public void onData(MuxedStream stream, ByteBuf data) {
      int n = Math.min(data.readableBytes(), SIZE - count);
      data.readBytes(received, count, n);
      boolean extra = data.isReadable();
      data.release();
      count += n;
      if (extra) {
        fail(stream, new IOException("ping answer longer than " + SIZE + " bytes"));
      } else if (count == SIZE) {
        if (Arrays.equals(sent, received)) {
          rtt.complete(Duration.ofNanos(System.nanoTime() - start));
          stream.close();
        } else {
          fail(stream, new IOException("ping answer differs from the bytes sent"));
        }
      }
    }

    @Override
    public void onClosed(MuxedStream stream) {
      rtt.completeExceptionally(new StreamResetException("ping stream closed before the answer"));
    }

    private void fail(MuxedStream stream, IOException cause) {
      rtt.completeExceptionally(cause);
      stream.reset();
    }
  }
}
