package ai.hanzo.node.api.http.ui;

import static ai.hanzo.node.api.http.ui.DashboardBrowser.WAIT;
import static ai.hanzo.node.api.http.ui.DashboardBrowser.signIn;
import static ai.hanzo.node.api.http.ui.DashboardBrowser.waitFor;
import static ai.hanzo.node.api.http.ui.DashboardBrowser.waitForText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.app.IamNodeFixture;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The exec terminal in a real headless chromium against a real node (IAM on, the process runtime): from a
 * deployment's container, run a shell over /ws/exec, type a command, read what the shell computed, end stdin and
 * see the exit code; a viewer is offered no Exec link.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardExecIT {
  private Path tmp;
  private NodeProcess node;
  private String base;
  private String operatorKey;
  private String viewerKey;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void startNodeWithADeployment(@TempDir Path dir) throws Exception {
    tmp = dir;
    HeadlessChromium.require();
    Path dataDir = tmp.resolve("node");
    operatorKey = IamNodeFixture.createKey(dataDir, "operator", null);
    viewerKey = IamNodeFixture.createKey(dataDir, "viewer", null);
    node = NodeProcess.start(dataDir, "--iam-enabled", "--iam-secret", IamNodeFixture.SECRET, "--runtime", "process");
    base = "http://127.0.0.1:" + node.awaitReady(WAIT).get("http");
    HttpResponse<String> deployed = api("POST", "/v1/deployments", "{\"name\": \"shell\", \"spec\": {\"services\": "
        + "{\"box\": {\"image\": \"process\", \"command\": [\"sh\", \"-c\", \"while :; do sleep 1; done\"]}}}}");
    assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(201);
    await().atMost(WAIT).until(() -> api("GET", "/v1/deployments/shell", null).body().contains("\"readyReplicas\": 1"));
  }

  @AfterAll
  void stopNode() throws Exception {
    if (node != null) {
      try {
        api("DELETE", "/v1/deployments/shell", null);
      } finally {
        node.close();
      }
    }
  }

  @Test
  void anOperatorRunsAShellInAContainerFromTheDeploymentPage() throws Exception {
    try (HeadlessChromium chromium = HeadlessChromium.start(tmp, 1280, 800)) {
      ChromeDriver browser = chromium.driver();
      signIn(browser, base, operatorKey);
      browser.get(base + "/ui/#/deployments/shell");
      waitFor(browser, By.cssSelector("#containers-body .exec-link")).click();
      await().atMost(WAIT).until(() -> browser.getCurrentUrl().contains("#/exec/"));

      waitFor(browser, By.id("exec-start")).click();
      WebElement input = waitFor(browser, By.id("exec-input"));
      await().atMost(WAIT).until(input::isEnabled);
      input.sendKeys("echo product-$((6 * 7))" + Keys.ENTER);
      waitForText(browser, By.id("exec-output"), "product-42"); // the shell computed it: not the typed echo
      input.sendKeys("exit 3" + Keys.ENTER);
      waitForText(browser, By.id("exec-exit"), "exited with 3");
      chromium.screenshot("exec");

      // Stdin ended from the page: cat sees the end and exits 0.
      WebElement command = browser.findElement(By.id("exec-command"));
      command.clear();
      command.sendKeys("cat");
      browser.findElement(By.id("exec-start")).click();
      await().atMost(WAIT).until(input::isEnabled);
      input.sendKeys("echoed back" + Keys.ENTER);
      await().atMost(WAIT).until(() -> browser.findElement(By.id("exec-output")).getText()
          .split("echoed back", -1).length - 1 == 2); // the page's echo of the line, and cat's
      browser.findElement(By.id("exec-eof")).click();
      waitForText(browser, By.id("exec-exit"), "exited with 0");
    }
  }

  @Test
  void aViewerIsOfferedNoExecLink() throws Exception {
    try (HeadlessChromium chromium = HeadlessChromium.start(tmp, 1280, 800)) {
      ChromeDriver browser = chromium.driver();
      signIn(browser, base, viewerKey);
      browser.get(base + "/ui/#/deployments/shell");
      waitForText(browser, By.id("containers-body"), "shell");
      assertThat(browser.findElements(By.cssSelector("#containers-body .exec-link"))).isEmpty();
    }
  }

  private HttpResponse<String> api(String method, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("x-api-key", operatorKey)
        .timeout(Duration.ofSeconds(30));
    if (body != null) {
      request.header("content-type", "application/json");
    }
    return http.send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
