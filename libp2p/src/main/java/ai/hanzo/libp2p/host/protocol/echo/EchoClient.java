package ai.hanzo.libp2p.host.protocol.echo;

import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.StreamHandler;
import ai.hanzo.libp2p.mux.StreamResetException;
import ai.hanzo.libp2p.transport.Connection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.CompletableFuture;

/** The {@code /echo/1.0.0} client: sends bytes, half-closes, returns what came back. */
public final class EchoClient {
  public static final String ID = "/echo/1.0.0";

  private EchoClient() {}

  public static CompletableFuture<byte[]> echo(Connection connection, byte[] payload) {
    return connection.newStream(ID).thenCompose(stream -> {
      CompletableFuture<byte[]> reply = new CompletableFuture<>();
      stream.setHandler(new Collector(reply));
      stream.write(Unpooled.wrappedBuffer(payload));
      stream.closeWrite();
      return reply;
    });
  }

  private static final class Collector implements StreamHandler {
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> reply;

    Collector(CompletableFuture<byte[]> reply) {
      this.reply = reply;
    }

    @Override
    public void onData(MuxedStream stream, ByteBuf data) {
      try {
        data.readBytes(received, data.readableBytes());
      } catch (java.io.IOException e) {
        throw new IllegalStateException("in-memory stream", e);
      } finally {
        data.release();
      }
    }

    @Override
    public void onRemoteClose(MuxedStream stream) {
      reply.complete(received.toByteArray());
      stream.close();
    }

    @Override
    public void onClosed(MuxedStream stream) {
      reply.completeExceptionally(new StreamResetException(
          "echo stream closed before the remote's EOF"));
    }
  }
}
