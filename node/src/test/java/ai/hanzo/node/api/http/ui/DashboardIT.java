package ai.hanzo.node.api.http.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static ai.hanzo.node.api.http.ui.DashboardSession.waitFor;
import static ai.hanzo.node.api.http.ui.DashboardSession.waitForText;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.testing.HeadlessChromium;
import ai.hanzo.node.testing.NodeProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dashboard in a real headless chromium against a real node process (IAM on, the process runtime): sign in with
 * an API key, watch the metrics stream, deploy a pasted Compose file, see its replica become ready, follow its log
 * over the WebSocket, pause, scale, remove; a viewer is not offered what it may not do (and the API refuses it); a
 * malformed Compose file shows the API's error and field. Every test saves a screenshot under
 * {@code target/ui-screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardIT {
  private static final Duration WAIT = DashboardSession.WAIT;
  private static final int WIDTH = 1280;
  private static final int HEIGHT = 800;

  private DashboardSession session;
  private Path tmp;
  private String base;
  private String operatorKey;
  private String viewerKey;
  private String adminKey;
  private HttpClient http;

  @BeforeAll
  void startNode(@TempDir Path dir) throws Exception {
    tmp = dir;
    session = DashboardSession.onTheProcessRuntime(dir, "operator", "viewer", "admin");
    base = session.base();
    http = session.http();
    operatorKey = session.key("operator");
    viewerKey = session.key("viewer");
    adminKey = session.key("admin");
  }

  @AfterAll
  void stopNode() throws Exception {
    if (session != null) {
      session.close();
    }
  }

  @Test
  void anOperatorDeploysWatchesItBecomeReadyFollowsItsLogScalesAndRemovesIt() throws Exception {
    try (HeadlessChromium chromium = session.signedIn("operator", WIDTH, HEIGHT)) {
      ChromeDriver browser = chromium.driver();
      // The overview: the node's state, and the host metrics arriving over /ws/metrics (a subprotocol credential).
      waitForText(browser, By.id("node-state"), "READY");
      await().atMost(WAIT).until(() -> samples(browser) >= 3);
      assertThat(browser.findElement(By.id("node-version")).getText()).isNotBlank();
      // Each check with its own status and reason (GetHealth.checks), and the chain this node does not follow.
      waitForText(browser, By.cssSelector("#health-checks tr[data-check='data-dir']"), "HEALTHY");
      assertThat(browser.findElement(By.cssSelector("#health-checks tr[data-check='storage']")).getText())
          .contains("storage");
      assertThat(browser.findElement(By.cssSelector("#health-checks tr[data-check='p2p'] td:last-child")).getText())
          .isNotBlank();
      assertThat(browser.findElement(By.id("node-chain")).getText()).contains("no chain followed");
      chromium.screenshot("overview");

      browser.get(base + "/ui/#/deployments");
      WebElement editor = waitFor(browser, By.id("compose"));
      editor.clear();
      editor.sendKeys("services:\n  echo:\n    image: process\n    command: [\"sh\", \"-c\", "
          + "\"i=0; while true; do echo line-$i; i=$((i+1)); sleep 0.2; done\"]\n");
      browser.findElement(By.id("deploy-name")).sendKeys("echo-app");
      browser.findElement(By.id("deploy")).click();
      waitForText(browser, By.id("deploy-result"), "Deployed echo-app");
      waitForText(browser, By.cssSelector("tr[data-id='echo-app'] .ready"), "1 / 1");
      chromium.screenshot("deployments");

      browser.findElement(By.linkText("echo-app")).click();
      waitForText(browser, By.id("deployment-ready"), "1 / 1");
      waitForText(browser, By.id("replicas-body"), "running");
      chromium.screenshot("deployment-detail");

      browser.findElement(By.id("follow-logs")).click();
      waitForText(browser, By.id("log-lines"), "echo | line-");
      await().atMost(WAIT).until(() -> logLines(browser) >= 5);
      browser.findElement(By.id("log-pause")).click();
      assertThat(browser.findElement(By.id("log-pause")).getAttribute("aria-pressed")).isEqualTo("true");
      String frozen = browser.findElement(By.id("log-lines")).getText();
      // Paused, the view stays as it was although lines keep arriving (one every 0.2 s).
      await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
          .until(() -> browser.findElement(By.id("log-lines")).getText().equals(frozen));
      browser.findElement(By.id("log-pause")).click();
      await().atMost(WAIT).until(() -> !browser.findElement(By.id("log-lines")).getText().equals(frozen));
      // One service's log: the filter is the API's service_name.
      waitForText(browser, By.id("log-service"), "echo");
      browser.findElement(By.cssSelector("#log-service option[value='echo']")).click();
      await().atMost(WAIT).until(() -> browser.getCurrentUrl().endsWith("#/logs/echo-app/echo"));
      waitForText(browser, By.id("log-lines"), "echo | line-");
      chromium.screenshot("logs");
      browser.navigate().back();

      browser.navigate().back();
      WebElement replicas = waitFor(browser, By.id("scale-replicas"));
      waitForText(browser, By.id("scale-service"), "echo");
      replicas.clear();
      replicas.sendKeys("2");
      browser.findElement(By.id("scale")).click();
      waitForText(browser, By.id("deployment-ready"), "2 / 2");
      assertThat(api("GET", "/v1/deployments/echo-app", operatorKey).body()).contains("\"readyReplicas\": 2");

      browser.findElement(By.id("remove")).click();
      browser.switchTo().alert().accept();
      await().atMost(WAIT).until(() -> browser.getCurrentUrl().endsWith("#/deployments"));
      await().atMost(WAIT).until(() -> api("GET", "/v1/deployments/echo-app", operatorKey).statusCode() == 404);
      await().atMost(WAIT).until(() -> browser.findElements(By.cssSelector("tr[data-id='echo-app']")).isEmpty());
    }
  }

  @Test
  void aViewerIsNotOfferedTheDeployButtonAndTheApiRefusesItAnyway() throws Exception {
    try (HeadlessChromium chromium = session.signedIn("viewer", 390, 844)) {
      ChromeDriver browser = chromium.driver();
      browser.get(base + "/ui/#/deployments");
      waitFor(browser, By.id("deployments-body"));
      waitForText(browser, By.id("who"), "viewer");
      assertThat(browser.findElements(By.id("deploy"))).isEmpty();
      assertThat(browser.findElements(By.id("compose"))).isEmpty();
      // Pages whose calls a viewer may not make are not offered either.
      assertThat(browser.findElement(By.cssSelector("a[href='#/audit']")).isDisplayed()).isFalse();
      assertThat(browser.findElement(By.cssSelector("a[href='#/network']")).isDisplayed()).isFalse();
      assertThat(browser.findElement(By.cssSelector("a[href='#/events']")).isDisplayed()).isTrue();
      chromium.screenshot("viewer-phone");
    }
    HttpResponse<String> refused = api("POST", "/v1/deployments", viewerKey,
        "{\"name\": \"sneaky\", \"spec\": {\"services\": {\"s\": {\"image\": \"process\"}}}}");
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("PERMISSION_DENIED");
  }

  @Test
  void aMalformedComposeFileShowsTheApisErrorAndFieldNextToTheEditor() throws Exception {
    try (HeadlessChromium chromium = session.signedIn("operator", WIDTH, HEIGHT)) {
      ChromeDriver browser = chromium.driver();
      browser.get(base + "/ui/#/deployments");
      WebElement editor = waitFor(browser, By.id("compose"));
      editor.clear();
      editor.sendKeys("services:\n  web:\n    image: process\n    environment:\n      \"A=B\": \"1\"\n");
      browser.findElement(By.id("deploy")).click();
      WebElement error = waitFor(browser, By.id("deploy-error"));
      assertThat(error.getText()).contains("INVALID_ARGUMENT").contains("spec.services[web].environment[A=B]");
      assertThat(error.findElement(By.cssSelector(".field code")).getText())
          .isEqualTo("spec.services[web].environment[A=B]");
      chromium.screenshot("compose-error");

      // Text that is not YAML at all is refused before it is sent, naming the line.
      editor.clear();
      editor.sendKeys("services:\n  web:\n    image: process\n   command: oops\n");
      browser.findElement(By.id("deploy")).click();
      waitForText(browser, By.id("deploy-result"), "line 4");
    }
    assertThat(api("GET", "/v1/deployments", operatorKey).body()).doesNotContain("\"web\"");
  }

  @Test
  void aWrongKeyStaysOnTheSignInFormWithTheNodesRefusal() throws Exception {
    try (HeadlessChromium chromium = session.browser(WIDTH, HEIGHT)) {
      ChromeDriver browser = chromium.driver();
      browser.get(base + "/ui/");
      waitFor(browser, By.id("credential")).sendKeys("hzk_" + "A".repeat(43));
      browser.findElement(By.id("sign-in-button")).click();
      waitForText(browser, By.id("sign-in"), "UNAUTHENTICATED");
      assertThat(browser.findElement(By.id("nav")).isDisplayed()).isFalse();
      // Nothing of the credential is kept after a refusal, and nothing ever goes into the URL.
      assertThat(browser.executeScript("return sessionStorage.length")).isEqualTo(0L);
      assertThat(browser.getCurrentUrl()).doesNotContain("hzk_");
    }
  }

  private void signIn(ChromeDriver browser, String key) {
    DashboardSession.signIn(browser, base, key);
  }

  private static int samples(ChromeDriver browser) {
    String s = browser.findElement(By.id("main")).getAttribute("data-samples");
    return s == null ? 0 : Integer.parseInt(s);
  }

  private static int logLines(ChromeDriver browser) {
    return (int) browser.findElement(By.id("log-lines")).getText().lines().filter(l -> l.contains("line-")).count();
  }

  private HttpResponse<String> api(String method, String path, String key) throws Exception {
    return session.call(key, method, path, null);
  }

  private HttpResponse<String> api(String method, String path, String key, String body) throws Exception {
    return session.call(key, method, path, body);
  }

  @Test
  void theFilesAreServedWithoutCredentialsWithTheirDefencesGzippedAndRevalidated() throws Exception {
    HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/ui/")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.headers().firstValue("content-security-policy")).hasValue(DashboardHeaders.CONTENT_SECURITY_POLICY);
    assertThat(page.headers().firstValue("x-frame-options")).hasValue("DENY");
    assertThat(page.headers().firstValue("x-content-type-options")).hasValue("nosniff");
    assertThat(page.body()).contains("<script type=\"module\" src=\"js/app.js\"></script>")
        .doesNotContainPattern("<script>|<script type=\"module\">|on(click|load|submit)=|style=");
    String etag = page.headers().firstValue("etag").orElseThrow();
    HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(base + "/ui/"))
        .header("if-none-match", etag).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(again.statusCode()).isEqualTo(304);
    HttpResponse<byte[]> script = http.send(HttpRequest.newBuilder(URI.create(base + "/ui/js/app.js"))
        .header("accept-encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).contains("javascript"));
    assertThat(script.headers().firstValue("content-encoding")).hasValue("gzip");
    assertThat(new String(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(script.body()))
        .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).contains("import");
    // The files are public; the node's state is not.
    assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/v1/status")).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    // The browser rules still hold for the files: another site's page cannot frame or fetch them either.
    assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/ui/")).header("origin", "http://evil.example")
        .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
    assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/ui/nothing.js")).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
  }

  @Test
  void withoutIamOnLoopbackTheDashboardOpensWithoutSignIn() throws Exception {
    try (NodeProcess open = NodeProcess.start(tmp.resolve("open"), "--runtime", "process");
        HeadlessChromium chromium = session.browser(WIDTH, HEIGHT)) {
      String openBase = "http://127.0.0.1:" + open.awaitReady(WAIT).get("http");
      ChromeDriver browser = chromium.driver();
      browser.get(openBase + "/ui");
      await().atMost(WAIT).ignoreExceptions().until(() -> browser.findElement(By.id("nav")).isDisplayed());
      waitForText(browser, By.id("who"), "IAM off");
      waitForText(browser, By.id("node-state"), "READY");
      assertThat(browser.findElements(By.id("credential"))).isEmpty();
      browser.get(openBase + "/ui/#/deployments");
      waitFor(browser, By.id("deploy"));
    }
  }

  @Test
  void aWebSocketTakesTheCredentialAsASubprotocolButStillOnlyFromTheNodesOwnOrigin() throws Exception {
    String ws = base.replace("http://", "ws://") + "/ws/metrics?interval_seconds=1";
    java.util.concurrent.CompletableFuture<String> first = new java.util.concurrent.CompletableFuture<>();
    // Armeria's WebSocket service wants an Origin from every client; the guard wants it to be the node's own.
    java.net.http.WebSocket socket = http.newWebSocketBuilder().header("Origin", base)
        .subprotocols("hanzo.v1", "hanzo.key." + viewerKey)
        .buildAsync(URI.create(ws), new java.net.http.WebSocket.Listener() {
          @Override
          public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket w, CharSequence data,
              boolean last) {
            first.complete(data.toString());
            return null;
          }
        }).get(10, java.util.concurrent.TimeUnit.SECONDS);
    try {
      assertThat(socket.getSubprotocol()).isEqualTo("hanzo.v1");
      assertThat(first.get(30, java.util.concurrent.TimeUnit.SECONDS)).contains("cpuUsage");
    } finally {
      socket.abort();
    }
    assertThat(upgradeStatus(ws, "hanzo.key.hzk_" + "B".repeat(43), base)).isEqualTo(401);
    assertThat(upgradeStatus(ws, "hanzo.v1", base)).as("no credential at all").isEqualTo(401);
    assertThat(upgradeStatus(ws, "hanzo.key." + viewerKey, "http://evil.example")).isEqualTo(403);
    assertThat(upgradeStatus(ws, "hanzo.key." + viewerKey, base)).isEqualTo(101);
  }

  /** The status of a WebSocket upgrade with the credential as a subprotocol and the given Origin. */
  private static int upgradeStatus(String ws, String credential, String origin) throws Exception {
    URI uri = URI.create(ws);
    try (java.net.Socket s = new java.net.Socket(uri.getHost(), uri.getPort())) {
      s.setSoTimeout(10_000);
      String offered = credential.equals("hanzo.v1") ? "hanzo.v1" : "hanzo.v1, " + credential;
      String request = "GET " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\n"
          + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
          + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
          + "Sec-WebSocket-Protocol: " + offered + "\r\n"
          + (origin == null ? "" : "Origin: " + origin + "\r\n") + "\r\n";
      s.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String status = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
          java.nio.charset.StandardCharsets.US_ASCII)).readLine();
      return Integer.parseInt(status.split(" ")[1]);
    }
  }

  @Test
  void whenTheNodeGoesAwayABannerSaysSoAndTheStreamsComeBackWithIt() throws Exception {
    Path dataDir = tmp.resolve("restarted");
    NodeProcess first = NodeProcess.start(dataDir, "--runtime", "process");
    int port;
    try (HeadlessChromium chromium = session.browser(WIDTH, HEIGHT)) {
      port = first.awaitReady(WAIT).get("http");
      ChromeDriver browser = chromium.driver();
      browser.get("http://127.0.0.1:" + port + "/ui/");
      await().atMost(WAIT).ignoreExceptions().until(() -> samples(browser) >= 2);
      assertThat(first.terminate(WAIT)).isZero();
      waitForText(browser, By.id("banner"), "reconnecting");
      int before = samples(browser);
      chromium.screenshot("node-away");
      // The same address again (the one the OS gave the first run), as an operator's restarted node would have.
      try (NodeProcess second = NodeProcess.start(dataDir, "--runtime", "process", "--http-addr",
          "127.0.0.1:" + port)) {
        second.awaitReady(WAIT);
        await().atMost(WAIT).until(() -> !browser.findElement(By.id("banner")).isDisplayed());
        await().atMost(WAIT).until(() -> samples(browser) > before);
      }
    } finally {
      first.close();
    }
  }

  @Test
  void anAdminSeesTheNetworkTheLiveEventsAndTheAuditTrail() throws Exception {
    try (HeadlessChromium chromium = session.signedIn("admin", WIDTH, HEIGHT)) {
      ChromeDriver browser = chromium.driver();
      java.util.regex.Matcher peerId = java.util.regex.Pattern.compile("\"peerId\": \"([^\"]+)\"")
          .matcher(api("GET", "/v1/network", adminKey).body());
      assertThat(peerId.find()).isTrue();
      browser.findElement(By.cssSelector("a[href='#/network']")).click();
      waitForText(browser, By.id("network-self"), peerId.group(1));
      chromium.screenshot("network");

      browser.findElement(By.cssSelector("a[href='#/events']")).click();
      waitForText(browser, By.id("events-state"), "Live");
      HttpResponse<String> deployed = api("POST", "/v1/deployments", adminKey, "{\"name\": \"evt\", \"spec\": "
          + "{\"services\": {\"s\": {\"image\": \"process\", \"command\": [\"sleep\", \"60\"]}}}}");
      assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(201);
      try {
        waitForText(browser, By.id("events-body"), "deployment.created");
        chromium.screenshot("events");

        browser.findElement(By.cssSelector("a[href='#/audit']")).click();
        WebElement permission = waitFor(browser, By.id("audit-permission"));
        permission.sendKeys("deployment:create");
        browser.findElement(By.id("audit-search")).click();
        waitForText(browser, By.id("audit-body"), "POST /v1/deployments");
        assertThat(browser.findElement(By.id("audit-body")).getText()).doesNotContain("GET /v1/network");
        chromium.screenshot("audit");
      } finally {
        session.remove("admin", "evt");
      }
    }
  }

  @Test
  void aKeyRevokedWhileThePageIsOpenSendsItBackToSignInSayingWhy() throws Exception {
    java.util.regex.Matcher created = java.util.regex.Pattern.compile("\"(id|secret)\": \"([^\"]+)\"")
        .matcher(api("POST", "/v1/keys", adminKey, "{\"role\": \"viewer\", \"name\": \"short-lived\"}").body());
    java.util.Map<String, String> key = new java.util.HashMap<>();
    while (created.find()) {
      key.put(created.group(1), created.group(2));
    }
    assertThat(key).containsKeys("id", "secret");
    try (HeadlessChromium chromium = session.browser(WIDTH, HEIGHT)) {
      ChromeDriver browser = chromium.driver();
      signIn(browser, key.get("secret"));
      browser.get(base + "/ui/#/deployments");
      waitFor(browser, By.id("deployments-body"));
      assertThat(api("DELETE", "/v1/keys/" + key.get("id"), adminKey).statusCode()).isEqualTo(200);
      // The list refreshes every 2 s: its next call is refused and the page asks for a credential again.
      waitForText(browser, By.id("sign-in"), "UNAUTHENTICATED");
      assertThat(browser.findElement(By.id("nav")).isDisplayed()).isFalse();
      assertThat(browser.executeScript("return sessionStorage.length")).isEqualTo(0L);
    }
  }

  @Test
  void theBrowsersComposeReaderWritesWhatTheNodeReadsInEachComposeForm() throws Exception {
    String yaml = String.join("\n", "name: shop", "services:", "  web:  # the front",
        "    image: process", "    command: sh -c 'echo \"hi there\"; sleep 1'",
        "    environment:", "      - A=1", "      - B=x=y", "    ports:", "      - \"8080:80\"",
        "      - target: 81", "        published: 8081", "        protocol: tcp",
        "    healthcheck:", "      test: test -f /tmp/ok", "      retries: 3",
        "    deploy:", "      replicas: 2", "      resources:", "        limits:", "          cpus: 0.5",
        "          memory: 64M", "    pids_limit: 100", "  worker:",
        "    image: process", "    command: [\"sleep\", \"60\"]", "    environment: {LEVEL: 3}", "");
    try (HeadlessChromium chromium = session.browser(WIDTH, HEIGHT)) {
      ChromeDriver browser = chromium.driver();
      browser.get(base + "/ui/");
      waitFor(browser, By.id("credential"));
      Object out = browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
          + " import('/ui/js/compose.js').then((m) => done(JSON.stringify(m.deployRequest(arguments[0], ''))),"
          + " (e) => done('import failed: ' + e));", yaml);
      ai.hanzo.node.api.v1.DeployRequest.Builder request = ai.hanzo.node.api.v1.DeployRequest.newBuilder();
      com.google.protobuf.util.JsonFormat.parser().merge((String) out, request);
      assertThat(request.getName()).isEqualTo("shop");
      ai.hanzo.node.api.v1.ServiceSpec web = request.getSpec().getServicesOrThrow("web");
      assertThat(web.getCommandList()).containsExactly("sh", "-c", "echo \"hi there\"; sleep 1");
      assertThat(web.getEnvironmentMap()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("A", "1", "B", "x=y"));
      assertThat(web.getPortsList()).containsExactly("8080:80", "8081:81/tcp");
      assertThat(web.getHealthcheck().getTestList()).containsExactly("CMD-SHELL", "test -f /tmp/ok");
      assertThat(web.getHealthcheck().getRetries()).isEqualTo(3);
      assertThat(web.getDeploy().getReplicas()).isEqualTo(2);
      assertThat(web.getDeploy().getResources().getLimits().getCpus()).isEqualTo("0.5");
      assertThat(web.getDeploy().getResources().getLimits().getMemory()).isEqualTo("64M");
      assertThat(web.getDeploy().getResources().getLimits().getPids()).isEqualTo(100);
      ai.hanzo.node.api.v1.ServiceSpec worker = request.getSpec().getServicesOrThrow("worker");
      assertThat(worker.getCommandList()).containsExactly("sleep", "60");
      assertThat(worker.getEnvironmentMap()).containsExactly(java.util.Map.entry("LEVEL", "3"));

      // What is not YAML the reader refuses itself, naming the line.
      for (String[] bad : new String[][] {{"services:\n\tweb: {}\n", "line 2: tabs"},
          {"services:\n  web:\n    image: a\n    image: b\n", "line 4: the key \"image\" appears twice"},
          {"services:\n  web:\n    image: \"unterminated\n", "line 3: unterminated string"},
          {"services:\n  web: &anchor\n    image: a\n", "line 2: anchors, aliases and tags are not supported"}}) {
        Object refused = browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
            + " import('/ui/js/compose.js').then((m) => { try { m.deployRequest(arguments[0], ''); done('accepted'); }"
            + " catch (e) { done(e.message); } });", bad[0]);
        assertThat((String) refused).as(bad[0]).startsWith(bad[1]);
      }
    }
  }
}
