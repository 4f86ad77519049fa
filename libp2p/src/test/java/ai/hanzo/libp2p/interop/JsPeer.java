package ai.hanzo.libp2p.interop;

import ai.hanzo.testing.NpmProject;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;

/**
 * The real js-libp2p peer of this repository's {@code interop/js-peer}, started as a child process and driven over
 * its JSON line protocol (commands on stdin, replies and events on stdout; interop/js-peer/README.md). Found in
 * {@code HANZO_JS_PEER_DIR} when that is set, else in {@code interop/js-peer} of the first directory upwards from
 * the working directory that has one; copied to a temp directory and installed with {@code npm ci} once per JVM,
 * so the checkout never gets a {@code node_modules}.
 */
public final class JsPeer implements AutoCloseable {
  /** The test identity: Ed25519 seed 0x00..0x1f gives this PeerId (docs/PROTOCOLS.md). */
  public static final String TEST_SEED = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
  public static final String TEST_PEER_ID = "12D3KooWA4Xop1JaT3MHxwYMkCepYsv4iPVopMXwCz5iHYdBfeSB";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static Path installed;

  private final Process process;
  private final Writer stdin;
  private final Path stderr;
  private final AtomicLong ids = new AtomicLong();
  private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<JsonNode> events = new CopyOnWriteArrayList<>();
  private final CompletableFuture<JsonNode> listening = new CompletableFuture<>();

  private JsPeer(Process process, Path stderr) {
    this.process = process;
    this.stderr = stderr;
    this.stdin = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader = new Thread(this::readLines, "js-peer-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  /** Skips the calling test (or fails it on CI, which always has the peer) when the peer or Node.js is missing. */
  public static void assumeAvailable() {
    Optional<String> skip = project().whySkip();
    Assumptions.assumeTrue(skip.isEmpty(), () -> skip.orElse(""));
  }

  private static NpmProject project() {
    return NpmProject.of(locate(), "js-libp2p interop (HANZO_JS_PEER_DIR or interop/js-peer)");
  }

  static Optional<Path> locate() {
    return locate(System.getenv("HANZO_JS_PEER_DIR"), Path.of("").toAbsolutePath());
  }

  /** {@code override} (a directory with peer.mjs) when given, else the nearest {@code interop/js-peer} upwards. */
  static Optional<Path> locate(String override, Path start) {
    if (override != null && !override.isBlank()) {
      return Optional.of(Path.of(override)).filter(p -> Files.isRegularFile(p.resolve("peer.mjs")));
    }
    return NpmProject.nearest("interop/js-peer", "peer.mjs", start);
  }

  private static synchronized Path install() throws IOException, InterruptedException {
    if (installed == null) {
      installed = project().installed();
    }
    return installed;
  }

  /** Starts a peer with the given peer.mjs options and waits for its {@code listening} line. */
  public static JsPeer start(String... options) throws IOException, InterruptedException {
    return startWith(List.of(), options);
  }

  /**
   * As {@link #start}, with {@code launcher} in front of the node command line, e.g. {@code ip netns exec <name>}
   * to run the peer inside a network namespace.
   */
  public static JsPeer startWith(List<String> launcher, String... options) throws IOException, InterruptedException {
    Path dir = install();
    List<String> cmd = new ArrayList<>(launcher);
    cmd.addAll(List.of("node", dir.resolve("peer.mjs").toString()));
    cmd.addAll(List.of(options));
    Path stderr = Files.createTempFile("js-peer", ".stderr");
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(stderr.toFile()).start();
    JsPeer peer = new JsPeer(p, stderr);
    try {
      peer.listening.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      peer.close();
      throw new IOException("js peer did not start: " + peer.stderr(), e);
    }
    return peer;
  }

  public String peerId() {
    return listening.join().get("peerId").asText();
  }

  /** The peer's listen addresses, each ending in {@code /p2p/<peerId>}. */
  public List<String> addrs() {
    List<String> addrs = new ArrayList<>();
    listening.join().get("addrs").forEach(a -> addrs.add(a.asText()));
    return addrs;
  }

  /** Sends one command and waits for its reply; fails when the reply says {@code ok: false}. */
  public JsonNode command(Map<String, ?> command, Duration timeout) throws Exception {
    JsonNode reply = tryCommand(command, timeout);
    if (!reply.path("ok").asBoolean()) {
      throw new AssertionError("js peer refused " + command + ": " + reply.path("error").asText());
    }
    return reply;
  }

  /** Sends one command and returns its reply, successful or not. */
  public JsonNode tryCommand(Map<String, ?> command, Duration timeout) throws Exception {
    String id = "j" + ids.incrementAndGet();
    ObjectNode node = JSON.valueToTree(command);
    node.put("id", id);
    node.put("timeoutMs", timeout.toMillis());
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    synchronized (stdin) {
      stdin.write(JSON.writeValueAsString(node) + "\n");
      stdin.flush();
    }
    return reply.get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
  }

  /** Waits for an unsolicited event (already received or still to come) that matches. */
  public JsonNode awaitEvent(Predicate<JsonNode> match, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (events) {
      while (true) {
        for (JsonNode e : events) {
          if (match.test(e)) {
            return e;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("no matching js peer event within " + timeout + "; got " + events);
        }
        try {
          events.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted", e);
        }
      }
    }
  }

  public List<JsonNode> events() {
    return List.copyOf(events);
  }

  public String stderr() {
    try {
      return Files.readString(stderr);
    } catch (IOException e) {
      return "";
    }
  }

  private void readLines() {
    try (BufferedReader r = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        JsonNode node = JSON.readTree(line);
        String id = node.path("id").asText(null);
        if ("listening".equals(node.path("event").asText())) {
          listening.complete(node);
        } else if (id != null && pending.containsKey(id)) {
          pending.remove(id).complete(node);
        } else {
          synchronized (events) {
            events.add(node);
            events.notifyAll();
          }
        }
      }
    } catch (IOException e) {
      // The process ended; pending commands fail below.
    }
    IOException gone = new IOException("js peer exited: " + stderr());
    listening.completeExceptionally(gone);
    pending.values().forEach(f -> f.completeExceptionally(gone));
  }

  @Override
  public void close() {
    try {
      synchronized (stdin) {
        stdin.write("{\"cmd\":\"stop\"}\n");
        stdin.flush();
      }
    } catch (IOException e) {
      // Already gone.
    }
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
