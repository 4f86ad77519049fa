package ai.hanzo.node.runtime.image;

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
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A token-auth front for a real loopback registry, as Docker Hub does it: {@code /v2/} calls without the token get
 * 401 with a Bearer challenge, {@code /token} hands the token out for basic credentials, and calls with it are
 * forwarded to the registry. The first GET of every blob answers 503 once, to exercise retries.
 */
final class TokenAuthProxy implements AutoCloseable {
  static final String TOKEN = "test-token-0123";

  private final HttpServer server;
  private final String upstream;
  private final HttpClient http = HttpClient.newHttpClient();
  private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();
  final AtomicInteger tokenRequests = new AtomicInteger();
  final List<String> scopes = new CopyOnWriteArrayList<>();

  TokenAuthProxy(String upstream) throws IOException {
    this.upstream = upstream;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/token", this::token);
    server.createContext("/v2/", this::forward);
    server.start();
  }

  String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  private void token(HttpExchange exchange) throws IOException {
    tokenRequests.incrementAndGet();
    String expected = "Basic " + Base64.getEncoder().encodeToString((LoopbackRegistry.USER + ":"
        + LoopbackRegistry.PASSWORD).getBytes(StandardCharsets.UTF_8));
    String query = exchange.getRequestURI().getQuery();
    if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization")) || query == null
        || !query.contains("service=loopback")) {
      respond(exchange, 401, "{}");
      return;
    }
    scopes.add(query.replaceAll(".*scope=([^&]*).*", "$1"));
    respond(exchange, 200, "{\"token\":\"" + TOKEN + "\",\"expires_in\":300}");
  }

  private void forward(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + address() + "/token\","
          + "service=\"loopback\",scope=\"repository:" + repository(path) + ":pull\"");
      respond(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"token required\"}]}");
      return;
    }
    if (path.contains("/blobs/") && failedOnce.add(path)) {
      respond(exchange, 503, "busy");
      return;
    }
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + upstream + path));
      String accept = exchange.getRequestHeaders().getFirst("Accept");
      if (accept != null) {
        request.header("Accept", accept);
      }
      HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      response.headers().firstValue("Content-Type").ifPresent(v -> exchange.getResponseHeaders().add("Content-Type",
          v));
      response.headers().firstValue("Docker-Content-Digest").ifPresent(v -> exchange.getResponseHeaders()
          .add("Docker-Content-Digest", v));
      exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(response.body());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      respond(exchange, 500, "interrupted");
    }
  }

  private static String repository(String path) {
    String rest = path.substring("/v2/".length());
    int end = Math.max(rest.indexOf("/manifests/"), rest.indexOf("/blobs/"));
    return end > 0 ? rest.substring(0, end) : rest;
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
