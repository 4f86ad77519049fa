package ai.hanzo.node.api.http.ui;

import static ai.hanzo.node.api.http.ui.DashboardBrowser.WAIT;
import static ai.hanzo.node.api.http.ui.DashboardBrowser.signIn;
import static ai.hanzo.node.api.http.ui.DashboardBrowser.waitFor;
import static ai.hanzo.node.api.http.ui.DashboardBrowser.waitForText;
import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.app.IamNodeFixture;
import ai.hanzo.node.models.ModelStore;
import ai.hanzo.node.testing.HeadlessChromium;
import ai.hanzo.node.testing.NodeProcess;
import ai.hanzo.testing.gguf.TinyLlama;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
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
 * The models page in a real headless chromium against a real node serving a generated tiny GGUF (IAM on): the
 * model is listed, a prompt streams its completion over /ws/inference (the same text the HTTP route answers at
 * temperature 0), and a viewer sees the list but is not offered the prompt (the node refuses it anyway).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardModelsIT {
  private static final long SEED = Long.getLong("hanzo.test.seed", 0x5EEDL);
  private static final ObjectMapper JSON = new ObjectMapper();

  private Path tmp;
  private NodeProcess node;
  private String base;
  private String operatorKey;
  private String viewerKey;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void startANodeWithATinyModel(@TempDir Path dir) throws Exception {
    System.out.println("DashboardModelsIT seed " + SEED + " (-Dhanzo.test.seed to replay)");
    tmp = dir;
    HeadlessChromium.require();
    Path dataDir = tmp.resolve("node");
    operatorKey = IamNodeFixture.createKey(dataDir, "operator", null);
    viewerKey = IamNodeFixture.createKey(dataDir, "viewer", null);
    ModelStore.in(dataDir, Clock.systemUTC()).add(TinyLlama.write(tmp, SEED), "tiny");
    node = NodeProcess.start(dataDir, "--iam-enabled", "--iam-secret", IamNodeFixture.SECRET,
        "--model-memory-budget", "64MiB");
    base = "http://127.0.0.1:" + node.awaitReady(WAIT).get("http");
  }

  @AfterAll
  void stopNode() throws Exception {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void anOperatorSeesTheModelAndAPromptStreamsTheSameCompletionTheApiAnswers() throws Exception {
    String expected = completion("hello world", 12);
    try (HeadlessChromium chromium = HeadlessChromium.start(tmp, 1280, 800)) {
      ChromeDriver browser = chromium.driver();
      signIn(browser, base, operatorKey);
      browser.get(base + "/ui/#/models");
      waitForText(browser, By.cssSelector("tr[data-model='tiny']"), "tiny");
      assertThat(browser.findElement(By.cssSelector("tr[data-model='tiny'] .loaded")).getText()).isEqualTo("yes");

      WebElement prompt = waitFor(browser, By.id("prompt"));
      prompt.sendKeys("hello world");
      setValue(browser, "max-tokens", "12");
      setValue(browser, "temperature", "0");
      browser.findElement(By.id("generate")).click();
      waitForText(browser, By.id("completion-done"), "finished: length");
      assertThat(browser.findElement(By.id("completion-done")).getText()).contains("12 completion tokens");
      // The page shows the text exactly as the node generated it (whitespace kept, never parsed as markup).
      assertThat(browser.executeScript("return document.getElementById('completion').textContent"))
          .isEqualTo(expected);
      chromium.screenshot("models");

      // A model the node does not have: the API's own error, next to the prompt.
      browser.executeScript("const o = document.createElement('option'); o.value = 'missing'; "
          + "document.getElementById('prompt-model').append(o); document.getElementById('prompt-model').value = 'missing';");
      browser.findElement(By.id("generate")).click();
      waitForText(browser, By.id("completion-result"), "NOT_FOUND");
      assertThat(browser.findElement(By.id("completion-result")).getText()).contains("missing");
    }
  }

  @Test
  void aViewerSeesTheModelsButIsNotOfferedThePromptAndTheNodeRefusesIt() throws Exception {
    try (HeadlessChromium chromium = HeadlessChromium.start(tmp, 390, 844)) {
      ChromeDriver browser = chromium.driver();
      signIn(browser, base, viewerKey);
      browser.get(base + "/ui/#/models");
      waitForText(browser, By.cssSelector("tr[data-model='tiny']"), "tiny");
      assertThat(browser.findElements(By.id("prompt-form"))).isEmpty();
    }
    HttpResponse<String> refused = post("/v1/inference", viewerKey,
        "{\"model\": \"tiny\", \"prompt\": \"hi\", \"max_tokens\": 2}");
    assertThat(refused.statusCode()).isEqualTo(403);
  }

  private static void setValue(ChromeDriver browser, String id, String value) {
    WebElement input = browser.findElement(By.id(id));
    input.clear();
    input.sendKeys(value);
  }

  private String completion(String prompt, int maxTokens) throws Exception {
    HttpResponse<String> answer = post("/v1/inference", operatorKey, "{\"model\": \"tiny\", \"prompt\": "
        + JSON.writeValueAsString(prompt) + ", \"max_tokens\": " + maxTokens + ", \"temperature\": 0}");
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    String text = JSON.readTree(answer.body()).at("/choices/0/text").asText();
    assertThat(text).isNotEmpty();
    return text;
  }

  private HttpResponse<String> post(String path, String key, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("x-api-key", key)
        .header("content-type", "application/json").timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
