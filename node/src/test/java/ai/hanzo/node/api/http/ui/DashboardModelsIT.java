package ai.hanzo.node.api.http.ui;

import static ai.hanzo.node.api.http.ui.DashboardSession.waitFor;
import static ai.hanzo.node.api.http.ui.DashboardSession.waitForText;
import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.models.ModelStore;
import ai.hanzo.node.testing.HeadlessChromium;
import ai.hanzo.testing.gguf.TinyLlama;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
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

  private DashboardSession session;
  private String base;

  @BeforeAll
  void startANodeWithATinyModel(@TempDir Path dir) throws Exception {
    System.out.println("DashboardModelsIT seed " + SEED + " (-Dhanzo.test.seed to replay)");
    session = DashboardSession.start(dir, List.of("operator", "viewer"),
        dataDir -> ModelStore.in(dataDir, Clock.systemUTC()).add(TinyLlama.write(dir, SEED), "tiny"),
        "--model-memory-budget", "64MiB");
    base = session.base();
  }

  @AfterAll
  void stopNode() throws Exception {
    if (session != null) {
      session.close();
    }
  }

  @Test
  void anOperatorSeesTheModelAndAPromptStreamsTheSameCompletionTheApiAnswers() throws Exception {
    String expected = completion("hello world", 12);
    try (HeadlessChromium chromium = session.signedIn("operator", 1280, 800)) {
      ChromeDriver browser = chromium.driver();
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
    try (HeadlessChromium chromium = session.signedIn("viewer", 390, 844)) {
      ChromeDriver browser = chromium.driver();
      browser.get(base + "/ui/#/models");
      waitForText(browser, By.cssSelector("tr[data-model='tiny']"), "tiny");
      assertThat(browser.findElements(By.id("prompt-form"))).isEmpty();
    }
    HttpResponse<String> refused = session.api("viewer", "POST", "/v1/inference",
        "{\"model\": \"tiny\", \"prompt\": \"hi\", \"max_tokens\": 2}");
    assertThat(refused.statusCode()).isEqualTo(403);
  }

  private static void setValue(ChromeDriver browser, String id, String value) {
    WebElement input = browser.findElement(By.id(id));
    input.clear();
    input.sendKeys(value);
  }

  private String completion(String prompt, int maxTokens) throws Exception {
    HttpResponse<String> answer = session.api("operator", "POST", "/v1/inference",
        "{\"model\": \"tiny\", \"prompt\": " + JSON.writeValueAsString(prompt) + ", \"max_tokens\": " + maxTokens + ", \"temperature\": 0}");
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    String text = JSON.readTree(answer.body()).at("/choices/0/text").asText();
    assertThat(text).isNotEmpty();
    return text;
  }
}
