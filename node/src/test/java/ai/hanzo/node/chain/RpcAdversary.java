package ai.hanzo.node.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A JSON-RPC endpoint on a loopback port the kernel picks, in front of a real chain (or of nothing), that answers
 * the way its {@link Mode} says: passes calls through, hangs, stalls after the headers, answers HTML, answers JSON of
 * the wrong types or numbers no EVM quantity can be, or drops the connection. The adversary of the operator tests:
 * the node must give one clear error for each, and pick up again when calls pass through once more. Records every
 * method it was asked for.
 */
public final class RpcAdversary implements AutoCloseable {
  /** How it answers. */
  public enum Mode {
    /** Passes the call to the chain behind it and its answer back. */
    FORWARD,
    /** Reads the call and never answers (until closed). */
    HANG,
    /** Sends 200 with a body length, a few bytes of it, then nothing more (until closed). */
    STALL_BODY,
    /** An HTML error page with status 200, as a misconfigured proxy sends. */
    NOT_JSON,
    /** A JSON-RPC envelope whose result has the wrong type: an object, or a quantity that is no hex number. */
    WRONG_TYPES,
    /** Every quantity 2^320 - 1 (beyond uint256), every call result words of all ones; the chain id is right. */
    HUGE_NUMBERS,
    /** Closes the connection without a byte of answer, as an RPC that went away mid-call. */
    DROP
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HUGE = "0x" + "f".repeat(80);

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "rpc-adversary");
    t.setDaemon(true);
    return t;
  });
  private final HttpClient upstreamClient = HttpClient.newHttpClient();
  private final URI upstream;
  private final long chainId;
  private final AtomicReference<Mode> mode;
  private final List<String> methods = new CopyOnWriteArrayList<>();
  private final CountDownLatch closing = new CountDownLatch(1);

  private RpcAdversary(URI upstream, long chainId, Mode initial) throws IOException {
    this.upstream = upstream;
    this.chainId = chainId;
    this.mode = new AtomicReference<>(initial);
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  /** In front of {@code upstream} (null: nothing behind it, FORWARD then drops), answering chain id {@code chainId}. */
  public static RpcAdversary start(URI upstream, long chainId, Mode initial) throws IOException {
    return new RpcAdversary(upstream, chainId, initial);
  }

  public URI rpc() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public void mode(Mode m) {
    mode.set(m);
  }

  /** Every JSON-RPC method asked for so far, in order. */
  public List<String> methods() {
    return List.copyOf(methods);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] request = exchange.getRequestBody().readAllBytes();
      JsonNode call;
      try {
        call = JSON.readTree(request);
      } catch (IOException notJson) {
        call = JSON.createObjectNode();
      }
      String method = call.path("method").asText("");
      methods.add(method);
      switch (mode.get()) {
        case FORWARD -> forward(exchange, request);
        case HANG -> awaitClose();
        case STALL_BODY -> {
          exchange.sendResponseHeaders(200, 1_000);
          OutputStream body = exchange.getResponseBody();
          body.write("{\"jsonrpc\":\"2.0\",".getBytes(StandardCharsets.UTF_8));
          body.flush();
          awaitClose();
        }
        case NOT_JSON -> reply(exchange, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>");
        case WRONG_TYPES -> reply(exchange, "application/json", envelope(call)
            .set("result", wrongType(method)).toString());
        case HUGE_NUMBERS -> reply(exchange, "application/json", envelope(call)
            .set("result", huge(method)).toString());
        case DROP -> {
          // No status line: closing the exchange now closes the connection under the client.
        }
      }
    }
  }

  private void forward(HttpExchange exchange, byte[] request) throws IOException {
    if (upstream == null) {
      return;
    }
    try {
      HttpResponse<byte[]> answer = upstreamClient.send(HttpRequest.newBuilder(upstream)
          .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), HttpResponse.BodyHandlers.ofByteArray());
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
      exchange.getResponseBody().write(answer.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private ObjectNode envelope(JsonNode call) {
    ObjectNode answer = JSON.createObjectNode().put("jsonrpc", "2.0");
    answer.set("id", call.path("id"));
    return answer;
  }

  private JsonNode wrongType(String method) {
    if (method.equals("eth_chainId")) {
      return JSON.getNodeFactory().textNode("0x" + Long.toHexString(chainId));
    }
    // Quantities that are no hex numbers (web3j decodes them lazily, and throws), objects where a string belongs.
    if (method.startsWith("eth_get") || method.equals("eth_blockNumber") || method.equals("eth_estimateGas")) {
      return JSON.getNodeFactory().textNode("0xnot-a-number");
    }
    ObjectNode odd = JSON.createObjectNode();
    odd.putArray("unexpected").add(true).add(1.5);
    return odd;
  }

  private JsonNode huge(String method) {
    var text = JSON.getNodeFactory();
    return switch (method) {
      case "eth_chainId" -> text.textNode("0x" + Long.toHexString(chainId));
      // Five words of all ones: decodes as uint256 maxima, and as offsets and lengths far beyond the data.
      case "eth_call" -> text.textNode("0x" + "f".repeat(64 * 5));
      case "eth_getBlockByNumber" -> JSON.createObjectNode().put("number", HUGE).put("timestamp", HUGE)
          .put("hash", "0x" + "ab".repeat(32)).put("parentHash", "0x" + "cd".repeat(32)).put("baseFeePerGas", HUGE);
      case "eth_feeHistory" -> {
        ObjectNode history = JSON.createObjectNode().put("oldestBlock", HUGE);
        history.putArray("baseFeePerGas").add(HUGE);
        history.putArray("reward").addArray().add(HUGE);
        yield history;
      }
      default -> text.textNode(HUGE);
    };
  }

  private static void reply(HttpExchange exchange, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(200, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private void awaitClose() {
    try {
      closing.await(5, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Releases every hung call and stops listening. */
  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    threads.shutdownNow();
  }
}
