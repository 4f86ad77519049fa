package ai.hanzo.bench.libp2p;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The js-libp2p peer of {@code interop/js-peer} (a copy with {@code node_modules}
 * installed), driven over its JSON line protocol. Replies are read with patterns: the bench
 * needs a few numeric fields only.
 */
final class JsPeerProcess implements AutoCloseable {
  private static final Pattern ID = Pattern.compile("\"id\":\"(b\\d+)\"");
  private static final Pattern ADDR = Pattern.compile("\"(/ip4/127\\.0\\.0\\.1/tcp/\\d+/p2p/\\w+)\"");
  private static final Pattern PEER = Pattern.compile("\"peerId\":\"(\\w+)\"");

  private final Process process;
  private final Writer stdin;
  private final Map<String, CompletableFuture<String>> pending = new ConcurrentHashMap<>();
  private final BlockingQueue<String> unsolicited = new LinkedBlockingQueue<>();
  private final AtomicLong ids = new AtomicLong();
  private volatile Consumer<String> events;

  JsPeerProcess(Path dir, String... options) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("node", dir.resolve("peer.mjs").toString()));
    cmd.addAll(List.of(options));
    process = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    stdin = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader = new Thread(this::readLines, "js-peer-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  /** CPU the node process used so far, all threads; the kernel counts it in 10 ms ticks. */
  long cpuNanos() {
    return process.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
  }

  /** The {@code listening} line's first address and peer id: {addr, peerId}. */
  String[] listening() throws InterruptedException {
    String line = unsolicited.poll(60, TimeUnit.SECONDS);
    if (line == null || !line.contains("\"listening\"")) {
      throw new IllegalStateException("js peer did not start: " + line);
    }
    Matcher addr = ADDR.matcher(line);
    Matcher peer = PEER.matcher(line);
    if (!addr.find() || !peer.find()) {
      throw new IllegalStateException("no loopback address in " + line);
    }
    return new String[] {addr.group(1), peer.group(1)};
  }

  /** Sends {@code json} (an object without the closing brace) and returns the reply line. */
  String command(String json, long timeoutMs) throws Exception {
    String line = send(json, timeoutMs).get(timeoutMs + 10_000, TimeUnit.MILLISECONDS);
    if (!line.contains("\"ok\":true")) {
      throw new IllegalStateException("js peer failed " + json + ": " + line);
    }
    return line;
  }

  /** Sends {@code json} without waiting; the future completes with the reply line, whatever it says. */
  CompletableFuture<String> send(String json, long timeoutMs) throws IOException {
    String id = "b" + ids.incrementAndGet();
    CompletableFuture<String> reply = new CompletableFuture<>();
    pending.put(id, reply);
    synchronized (stdin) {
      stdin.write(json + ",\"id\":\"" + id + "\",\"timeoutMs\":" + timeoutMs + "}\n");
      stdin.flush();
    }
    return reply;
  }

  /**
   * From now on, unsolicited lines go to {@code listener} (on the reader thread, as they are read) instead of
   * {@link #listening()}'s queue.
   */
  void onEvent(Consumer<String> listener) {
    events = listener;
  }

  static double number(String line, String field) {
    Matcher m = Pattern.compile("\"" + field + "\":(-?[0-9.eE+-]+)").matcher(line);
    if (!m.find()) {
      throw new IllegalStateException("no " + field + " in " + line);
    }
    return Double.parseDouble(m.group(1));
  }

  private void readLines() {
    try (BufferedReader r = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        Matcher id = ID.matcher(line);
        CompletableFuture<String> waiting = id.find() ? pending.remove(id.group(1)) : null;
        Consumer<String> listener = events;
        if (waiting != null) {
          waiting.complete(line);
        } else if (listener != null) {
          listener.accept(line);
        } else {
          unsolicited.add(line);
        }
      }
    } catch (IOException e) {
      // the process ended
    }
    pending.values().forEach(f -> f.completeExceptionally(new IOException("js peer exited")));
  }

  @Override
  public void close() throws InterruptedException {
    try {
      synchronized (stdin) {
        stdin.write("{\"cmd\":\"stop\"}\n");
        stdin.flush();
      }
    } catch (IOException e) {
      // already gone
    }
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
