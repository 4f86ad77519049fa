package ai.hanzo.node.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** The operator routes of one node's HTTP API, as a browser-free client calls them. */
final class OperatorHttp {
  private static final ObjectMapper JSON = new ObjectMapper();
  // HTTP/1.1: over h2c the node refuses a call (403, 415) before reading its body and resets the stream, and the
  // JDK client then sometimes throws "RST_STREAM received Stream cancelled" instead of returning the answer.
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  record Answer(int status, JsonNode body) {
    String text(String field) {
      return body.path(field).asText();
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  private final String base;

  OperatorHttp(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  Answer post(String path, String json) throws IOException, InterruptedException {
    return answer(HTTP.send(postRequest(path, json).build(), HttpResponse.BodyHandlers.ofString()));
  }

  /** Sent without waiting, for a test that kills the node while the call is in flight. */
  CompletableFuture<HttpResponse<String>> postAsync(String path, String json) {
    return HTTP.sendAsync(postRequest(path, json).build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpRequest.Builder postRequest(String path, String json) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
  }

  Answer send(HttpRequest request) throws IOException, InterruptedException {
    return answer(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
  }

  Answer get(String path) throws IOException, InterruptedException {
    return answer(HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString()));
  }

  /** Sent without waiting, for a test that has many calls in flight at once. */
  CompletableFuture<HttpResponse<String>> getAsync(String path) {
    return HTTP.sendAsync(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  Answer answerOf(HttpResponse<String> response) throws IOException {
    return answer(response);
  }

  /** A route answering plain text, such as {@code /metrics}. */
  String getText(String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  Answer status(String operator) throws IOException, InterruptedException {
    return get("/v1/operators/" + operator + "/status");
  }

  private static Answer answer(HttpResponse<String> response) throws IOException {
    String body = response.body();
    return new Answer(response.statusCode(), body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body));
  }
}
