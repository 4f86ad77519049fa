package ai.hanzo.libp2p.yamux;

import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.StreamHandler;
import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Records what a stream delivers; safe to read from the test thread. */
class RecordingHandler implements StreamHandler {
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();
  private final boolean keepBytes;
  final AtomicLong receivedBytes = new AtomicLong();
  final AtomicInteger remoteCloses = new AtomicInteger();
  final AtomicInteger resets = new AtomicInteger();
  final AtomicInteger closes = new AtomicInteger();
  final AtomicInteger actives = new AtomicInteger();
  volatile MuxedStream stream;

  RecordingHandler() {
    this(true);
  }

  RecordingHandler(boolean keepBytes) {
    this.keepBytes = keepBytes;
  }

  @Override
  public void onActive(MuxedStream stream) {
    this.stream = stream;
    actives.incrementAndGet();
  }

  @Override
  public void onData(MuxedStream stream, ByteBuf data) {
    try {
      if (keepBytes) {
        synchronized (received) {
          data.getBytes(data.readerIndex(), received, data.readableBytes());
        }
      } else {
        onBytes(data);
      }
      receivedBytes.addAndGet(data.readableBytes());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } finally {
      data.release();
    }
  }

  /** For subclasses that check content without keeping it. */
  void onBytes(ByteBuf data) {}

  @Override
  public void onRemoteClose(MuxedStream stream) {
    remoteCloses.incrementAndGet();
  }

  @Override
  public void onReset(MuxedStream stream) {
    resets.incrementAndGet();
  }

  @Override
  public void onClosed(MuxedStream stream) {
    closes.incrementAndGet();
  }

  byte[] bytes() {
    synchronized (received) {
      return received.toByteArray();
    }
  }

  String text() {
    return new String(bytes(), StandardCharsets.UTF_8);
  }
}
