package ai.hanzo.libp2p.host.protocol.perf;

import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.StreamHandler;
import ai.hanzo.libp2p.mux.StreamResetException;
import ai.hanzo.libp2p.transport.Connection;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** The {@code /perf/1.0.0} client: uploads, half-closes, then counts the download to EOF. */
public final class PerfClient {
  public static final String ID = "/perf/1.0.0";

  private PerfClient() {}

  public static CompletableFuture<PerfResult> run(Connection connection, long upload,
      long download) {
    if (upload < 0 || download < 0) {
      throw new IllegalArgumentException("byte counts must not be negative");
    }
    return connection.newStream(ID).thenCompose(stream -> {
      CompletableFuture<PerfResult> result = new CompletableFuture<>();
      stream.setHandler(new Run(upload, download, result));
      return result;
    });
  }

  private static final class Run implements StreamHandler {
    private final long upload;
    private final long download;
    private final CompletableFuture<PerfResult> result;
    private final ZeroWriter writer;
    private boolean uploadDone;
    private long start;
    private long firstByte;
    private long received;

    Run(long upload, long download, CompletableFuture<PerfResult> result) {
      this.upload = upload;
      this.download = download;
      this.result = result;
      this.writer = new ZeroWriter(upload, this::finishUpload);
    }

    private void finishUpload() {
      uploadDone = true;
    }

    @Override
    public void onActive(MuxedStream stream) {
      start = System.nanoTime();
      stream.write(stream.alloc().buffer(Long.BYTES).writeLong(download));
      writer.pump(stream);
      if (uploadDone) {
        stream.closeWrite();
      }
    }

    @Override
    public void onWritabilityChanged(MuxedStream stream) {
      if (!uploadDone) {
        writer.pump(stream);
        if (uploadDone) {
          stream.closeWrite();
        }
      }
    }

    @Override
    public void onData(MuxedStream stream, ByteBuf data) {
      if (firstByte == 0) {
        firstByte = System.nanoTime();
      }
      received += data.readableBytes();
      data.release();
      if (!uploadDone) {
        fail(stream, new IOException("the server sent data before the upload finished"));
      } else if (received > download) {
        fail(stream, new IOException("the server sent more than " + download + " bytes"));
      }
    }

    @Override
    public void onRemoteClose(MuxedStream stream) {
      long end = System.nanoTime();
      if (received != download) {
        fail(stream, new IOException(
            "the server closed after " + received + " of " + download + " bytes"));
        return;
      }
      long split = firstByte == 0 ? end : firstByte;
      result.complete(new PerfResult(upload, received, Duration.ofNanos(split - start),
          Duration.ofNanos(end - split)));
      stream.close();
    }

    @Override
    public void onClosed(MuxedStream stream) {
      result.completeExceptionally(new StreamResetException("perf stream closed early"));
    }

    private void fail(MuxedStream stream, IOException cause) {
      if (result.completeExceptionally(cause)) {
        stream.reset();
      }
    }
  }
}
