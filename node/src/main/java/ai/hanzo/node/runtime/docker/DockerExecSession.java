package ai.hanzo.node.runtime.docker;

import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.ExecOutput;
import ai.hanzo.node.runtime.ExecSession;
import ai.hanzo.node.runtime.LogStream;
import ai.hanzo.node.runtime.RuntimeErrorCode;
import ai.hanzo.node.runtime.TerminalSize;
import ai.hanzo.node.runtime.host.DaemonThreads;
import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

/**
 * Starts an exec over a connection of its own, upgraded to a raw stream as the Docker API does for attached
 * execs. docker-java cannot half-close that connection, so a command reading stdin would never see end-of-file;
 * here closing {@link #stdin()} shuts down our sending side and the command reads EOF. Output arrives multiplexed
 * (or raw with a tty); the exit code is read from the exec's inspect once the output ended.
 */
final class DockerExecSession implements ExecSession {
  private static final int MAX_HEAD = 16 * 1024;
  private static final int MAX_FRAME = 16 * 1024 * 1024;

  private final SocketChannel channel;
  private final DockerClient client;
  private final String execId;
  private final boolean tty;
  private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
  private final OutputStream stdin = new OutputStream() {
    private boolean closed;

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    }

    @Override
    public synchronized void close() throws IOException {
      if (!closed && channel.isOpen()) {
        closed = true;
        channel.shutdownOutput();
      }
    }
  };

  private DockerExecSession(SocketChannel channel, DockerClient client, String execId, boolean tty) {
    this.channel = channel;
    this.client = client;
    this.execId = execId;
    this.tty = tty;
  }

  /** With a tty, {@code size} is the terminal's size from the start (the start request's ConsoleSize). */
  static DockerExecSession start(URI host, DockerClient client, String execId, boolean tty, TerminalSize size,
      ExecOutput output) {
    try {
      SocketChannel channel = connect(host);
      DockerExecSession session = new DockerExecSession(channel, client, execId, tty);
      try {
        byte[] rest = session.upgrade(execId, tty, size);
        CompletableFuture.runAsync(() -> session.pump(rest, tty, output, client, execId),
            new DaemonThreads("exec-" + execId));
        return session;
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
    } catch (IOException e) {
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "cannot attach to exec " + execId + ": "
          + e.getMessage(), e);
    }
  }

  private static SocketChannel connect(URI host) throws IOException {
    if ("unix".equals(host.getScheme())) {
      SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      channel.connect(UnixDomainSocketAddress.of(host.getPath()));
      return channel;
    }
    return SocketChannel.open(new InetSocketAddress(host.getHost(), host.getPort()));
  }

  /** Sends the start request and reads the response head; returns the stream bytes read past it. */
  private byte[] upgrade(String execId, boolean tty, TerminalSize size) throws IOException {
    // ConsoleSize (API 1.42+) sizes the terminal before the command runs; older engines ignore the field
    String body = "{\"Detach\":false,\"Tty\":" + tty + (tty ? ",\"ConsoleSize\":[" + size.rows() + ","
        + size.cols() + "]" : "") + "}";
    String request = "POST /exec/" + execId + "/start HTTP/1.1\r\nHost: docker\r\n"
        + "Content-Type: application/json\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n"
        + "Content-Length: " + body.length() + "\r\n\r\n" + body;
    stdin.write(request.getBytes(StandardCharsets.US_ASCII));
    ByteBuffer head = ByteBuffer.allocate(MAX_HEAD);
    int end;
    while ((end = headEnd(head)) < 0) {
      if (!head.hasRemaining() || channel.read(head) < 0) {
        throw new IOException("the Docker API sent no complete response head for exec start");
      }
    }
    String text = new String(head.array(), 0, end, StandardCharsets.ISO_8859_1);
    String[] statusLine = text.split("\r\n", 2)[0].split(" ", 3);
    int status = statusLine.length > 1 ? Integer.parseInt(statusLine[1]) : 0;
    byte[] rest = Arrays.copyOfRange(head.array(), end + 4, head.position());
    if (status != 101 && status != 200) {
      throw new IOException("exec start answered " + text.split("\r\n", 2)[0] + ": "
          + new String(rest, StandardCharsets.UTF_8).strip());
    }
    return rest;
  }

  private static int headEnd(ByteBuffer head) {
    byte[] bytes = head.array();
    for (int i = 0; i + 3 < head.position(); i++) {
      if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private void pump(byte[] first, boolean tty, ExecOutput output, DockerClient client, String execId) {
    FrameDecoder frames = new FrameDecoder(MAX_FRAME, output::onOutput);
    try {
      byte[] buffer = new byte[16 * 1024];
      deliver(first, first.length, tty, output, frames);
      ByteBuffer wrapped = ByteBuffer.wrap(buffer);
      int read;
      while ((read = channel.read(wrapped.clear())) >= 0) {
        deliver(buffer, read, tty, output, frames);
      }
    } catch (IOException e) {
      if (channel.isOpen()) {
        exitCode.completeExceptionally(e);
        return;
      }
    }
    readExitCode(client, execId);
  }

  private static void deliver(byte[] bytes, int count, boolean tty, ExecOutput output, FrameDecoder frames)
      throws IOException {
    if (count == 0) {
      return;
    }
    if (tty) {
      output.onOutput(LogStream.STDOUT, Arrays.copyOf(bytes, count));
    } else {
      frames.feed(bytes, 0, count);
    }
  }

  /** The engine may report the exec as running for a moment after its output ended. */
  private void readExitCode(DockerClient client, String execId) {
    try {
      for (int attempt = 0; attempt < 500; attempt++) {
        var inspect = client.inspectExecCmd(execId).exec();
        if (!Boolean.TRUE.equals(inspect.isRunning()) && inspect.getExitCodeLong() != null) {
          exitCode.complete(inspect.getExitCodeLong().intValue());
          return;
        }
        LockSupport.parkNanos(10_000_000L);
      }
      exitCode.completeExceptionally(new IOException("exec " + execId + " reported no exit code"));
    } catch (RuntimeException e) {
      exitCode.completeExceptionally(e);
    } finally {
      close();
    }
  }

  /** {@code POST /exec/{id}/resize?h=&w=}: the engine resizes the exec's terminal and the command gets SIGWINCH. */
  @Override
  public void resize(TerminalSize size) {
    if (!tty) {
      ExecSession.super.resize(size);
    }
    DockerErrors.run("resize exec " + execId, () -> client.resizeExecCmd(execId).withSize(size.rows(), size.cols())
        .exec());
  }

  @Override
  public OutputStream stdin() {
    return stdin;
  }

  @Override
  public CompletableFuture<Integer> exitCode() {
    return exitCode;
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      exitCode.completeExceptionally(e);
    }
  }
}
