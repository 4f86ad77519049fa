package ai.hanzo.node.api.http.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.app.IamNodeFixture;
import ai.hanzo.node.testing.HeadlessChromium;
import ai.hanzo.node.testing.NodeProcess;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What every dashboard IT starts from: a real node process with IAM on and an API key per role asked for, the
 * HTTP API with one of those keys, and headless chromium windows (signed in or not) on the node's {@code /ui/}.
 * Also the waits every page test uses. {@link #close()} stops the node (by its pid) even when a test failed.
 */
final class DashboardSession implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern REQUESTS =
      Pattern.compile("(?m)^hanzo_api_requests_total\\{[^}]*method=\"([^\"]*)\"[^}]*\\} (\\S+)$");

  private final Path tmp;
  private final NodeProcess node;
  private final String base;
  private final Map<String, String> keys;
  private final HttpClient http = HttpClient.newHttpClient();

  private DashboardSession(Path tmp, NodeProcess node, String base, Map<String, String> keys) {
    this.tmp = tmp;
    this.node = node;
    this.base = base;
    this.keys = keys;
  }

  /** What {@link #start} needs done to the data directory before the node opens it (e.g. a model added). */
  @FunctionalInterface
  interface Preparation {
    void prepare(Path dataDir) throws Exception;
  }

  /**
   * Skips (or on CI fails) without chromium, creates a key for each of {@code roles} in {@code tmp/node}, runs
   * {@code prepare} there, then starts the node with IAM on plus {@code extraArgs} and waits until it is ready.
   */
  static DashboardSession start(Path tmp, List<String> roles, Preparation prepare, String... extraArgs)
      throws Exception {
    HeadlessChromium.require();
    Path dataDir = tmp.resolve("node");
    Map<String, String> keys = new LinkedHashMap<>();
    for (String role : roles) {
      keys.put(role, IamNodeFixture.createKey(dataDir, role, null));
    }
    prepare.prepare(dataDir);
    List<String> args = new ArrayList<>(List.of("--iam-enabled", "--iam-secret", IamNodeFixture.SECRET));
    args.addAll(List.of(extraArgs));
    NodeProcess node = NodeProcess.start(dataDir, args.toArray(String[]::new));
    try {
      String base = "http://127.0.0.1:" + node.awaitReady(WAIT).get("http");
      return new DashboardSession(tmp, node, base, keys);
    } catch (RuntimeException | Error e) {
      node.close();
      throw e;
    }
  }

  /** {@link #start(Path, List, Preparation, String...)} on the process runtime, with nothing to prepare. */
  static DashboardSession onTheProcessRuntime(Path tmp, String... roles) throws Exception {
    return start(tmp, List.of(roles), dataDir -> { }, "--runtime", "process");
  }

  /** http://127.0.0.1:port of the node. */
  String base() {
    return base;
  }

  Path tmp() {
    return tmp;
  }

  String key(String role) {
    String key = keys.get(role);
    if (key == null) {
      throw new IllegalArgumentException("no key was created for the role " + role);
    }
    return key;
  }

  /** A fresh headless chromium, not signed in. */
  HeadlessChromium browser(int width, int height) throws IOException {
    return HeadlessChromium.start(tmp, width, height);
  }

  /** A fresh headless chromium signed in with the key of {@code role}. */
  HeadlessChromium signedIn(String role, int width, int height) throws IOException {
    return signedIn(role, width, height, null);
  }

  /** As {@link #signedIn(String, int, int)}, saving downloads in {@code downloads} (null: chromium's default). */
  HeadlessChromium signedIn(String role, int width, int height, Path downloads) throws IOException {
    HeadlessChromium chromium = HeadlessChromium.start(tmp, width, height, downloads);
    try {
      signIn(chromium.driver(), base, key(role));
      return chromium;
    } catch (RuntimeException | Error e) {
      chromium.close();
      throw e;
    }
  }

  /** One HTTP/JSON call with the key of {@code role}; {@code body} null for none. */
  HttpResponse<String> api(String role, String method, String path, String body) throws Exception {
    return call(key(role), method, path, body);
  }

  /** One HTTP/JSON call with {@code key} (any key, e.g. one created during a test). */
  HttpResponse<String> call(String key, String method, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("x-api-key", key)
        .timeout(Duration.ofSeconds(30));
    if (body != null) {
      request.header("content-type", "application/json");
    }
    return http.send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Deploys {@code service} of {@code image: process} running {@code sh -c script} as deployment {@code name}. */
  void deployShell(String role, String name, String service, String script) throws Exception {
    String escaped = script.replace("\\", "\\\\").replace("\"", "\\\"");
    HttpResponse<String> deployed = api(role, "POST", "/v1/deployments", "{\"name\": \"" + name + "\", \"spec\": "
        + "{\"services\": {\"" + service + "\": {\"image\": \"process\", \"command\": [\"sh\", \"-c\", \""
        + escaped + "\"]}}}}");
    assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(201);
  }

  /**
   * Removes deployment {@code name} and waits until its containers are gone: the node answers a removal at once
   * and stops the containers after, and a process-runtime container outlives a node stopped meanwhile.
   */
  void remove(String role, String name) throws Exception {
    HttpResponse<String> removed = api(role, "DELETE", "/v1/deployments/" + name, null);
    assertThat(removed.statusCode()).as(removed.body()).isIn(200, 404);
    await().atMost(WAIT).until(() -> JSON.readTree(api(role, "GET", "/v1/containers?all=true&deployment=" + name,
        null).body()).path("containers").isEmpty());
  }

  /**
   * How many HTTP requests the node has served on the route whose pattern contains {@code route} (every status),
   * from the request meters of its Prometheus text ({@code hanzo_api_requests_total{...,method="<route>"}}: Armeria
   * names the route in the tag it calls method).
   */
  long requests(String route) throws Exception {
    HttpResponse<String> metrics = api("admin", "GET", "/metrics", null);
    assertThat(metrics.statusCode()).as(metrics.body()).isEqualTo(200);
    Matcher m = REQUESTS.matcher(metrics.body());
    double total = 0;
    while (m.find()) {
      if (m.group(1).contains(route)) {
        total += Double.parseDouble(m.group(2));
      }
    }
    return Math.round(total);
  }

  /** What the node has written to its stdout and stderr so far (its log). */
  String nodeOutput() {
    return node.output();
  }

  HttpClient http() {
    return http;
  }

  /**
   * Removes what deployments are left (waiting for their containers to go, see {@link #remove}) with a key that
   * may, then stops the node.
   */
  @Override
  public void close() throws Exception {
    try {
      String remover = keys.containsKey("admin") ? "admin" : keys.containsKey("operator") ? "operator" : null;
      if (remover != null) {
        for (var d : JSON.readTree(api(remover, "GET", "/v1/deployments", null).body()).path("deployments")) {
          remove(remover, d.path("deploymentId").asText());
        }
      }
    } finally {
      node.close();
    }
  }

  static void signIn(ChromeDriver browser, String base, String key) {
    browser.get(base + "/ui/");
    waitFor(browser, By.id("credential")).sendKeys(key);
    browser.findElement(By.id("sign-in-button")).click();
    await().atMost(WAIT).until(() -> browser.findElement(By.id("nav")).isDisplayed());
    assertThat(browser.getCurrentUrl()).doesNotContain(key);
  }

  static WebElement waitFor(ChromeDriver browser, By by) {
    await().atMost(WAIT).ignoreExceptions().until(() -> browser.findElement(by).isDisplayed());
    return browser.findElement(by);
  }

  static void waitForText(ChromeDriver browser, By by, String text) {
    await().atMost(WAIT).ignoreExceptions().until(() -> browser.findElement(by).getText().contains(text));
  }
}
