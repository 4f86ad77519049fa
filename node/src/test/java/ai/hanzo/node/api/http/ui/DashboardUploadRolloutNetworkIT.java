package ai.hanzo.node.api.http.ui;

import static ai.hanzo.node.api.http.ui.DashboardSession.WAIT;
import static ai.hanzo.node.api.http.ui.DashboardSession.waitFor;
import static ai.hanzo.node.api.http.ui.DashboardSession.waitForText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.testing.HeadlessChromium;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ai.hanzo.node.testing.NodeProcess;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Three things of the dashboard in a real headless chromium against a real node (IAM on, the process runtime): a
 * Compose file uploaded next to the editor is checked like a pasted one and deployed (a malformed one shows the
 * API's error and field); a rolling update shows its progress on the deployment's page, held midway by a health
 * check the test controls; and the network page draws this node and two real nodes connected to it, reading their QoS scores in one
 * call per refresh at most.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardUploadRolloutNetworkIT {
  private static final Pattern PEER_ID = Pattern.compile("\"peerId\": \"([^\"]+)\"");

  private DashboardSession session;
  private Path tmp;

  @BeforeAll
  void startNode(@TempDir Path dir) throws Exception {
    tmp = dir;
    session = DashboardSession.onTheProcessRuntime(dir, "operator", "admin");
  }

  @AfterAll
  void stopNode() throws Exception {
    if (session != null) {
      session.close();
    }
  }

  @Test
  void anUploadedComposeFileIsCheckedLikeAPastedOneAndDeployed() throws Exception {
    String good = "name: uploaded\nservices:\n  web:\n    image: process\n    command: [\"sleep\", \"60\"]\n";
    Path goodFile = Files.writeString(tmp.resolve("uploaded.yml"), good);
    Path apiRefuses = Files.writeString(tmp.resolve("bad-env.yml"),
        "services:\n  web:\n    image: process\n    environment:\n      \"A=B\": \"1\"\n");
    Path notYaml = Files.writeString(tmp.resolve("tabs.yml"), "services:\n\tweb: {}\n");
    try (HeadlessChromium chromium = session.signedIn("operator", 1280, 800)) {
      ChromeDriver browser = chromium.driver();
      browser.get(session.base() + "/ui/#/deployments");
      WebElement upload = waitFor(browser, By.id("compose-file"));
      assertThat(browser.findElement(By.cssSelector("label[for='compose-file']")).getText()).contains("upload");

      // What is not YAML is refused as soon as it is read, naming the line, before anything is sent.
      upload.sendKeys(notYaml.toString());
      waitForText(browser, By.id("deploy-result"), "line 2: tabs");

      // Valid YAML the node refuses: the API's error and field, next to the editor, as for a paste.
      upload.sendKeys(apiRefuses.toString());
      waitForText(browser, By.id("compose-loaded"), "Read bad-env.yml");
      browser.findElement(By.id("deploy")).click();
      WebElement error = waitFor(browser, By.id("deploy-error"));
      assertThat(error.getText()).contains("INVALID_ARGUMENT");
      assertThat(error.findElement(By.cssSelector(".field code")).getText())
          .isEqualTo("spec.services[web].environment[A=B]");

      upload.sendKeys(goodFile.toString());
      waitForText(browser, By.id("compose-loaded"), "Read uploaded.yml");
      assertThat(browser.findElement(By.id("compose")).getAttribute("value")).isEqualTo(good);
      chromium.screenshot("compose-upload");
      browser.findElement(By.id("deploy")).click();
      waitForText(browser, By.id("deploy-result"), "Deployed uploaded");
      assertThat(session.api("operator", "GET", "/v1/deployments/uploaded", null).statusCode()).isEqualTo(200);
    } finally {
      session.remove("operator", "uploaded");
    }
  }

  @Test
  void aRollingUpdateShowsItsProgressOnTheDeploymentsPage() throws Exception {
    Path ready = tmp.resolve("new-spec-ready");
    String old = "{\"name\": \"roll\", \"spec\": {\"services\": {\"web\": {\"image\": \"process\", \"command\": [\"sh\","
        + " \"-c\", \"while :; do sleep 1; done\"], \"deploy\": {\"replicas\": 2}}}}}";
    // The new spec's replicas become ready only once the test creates the flag: the rollout waits midway for it.
    String updated = "{\"name\": \"roll\", \"spec\": {\"services\": {\"web\": {\"image\": \"process\", \"command\": "
        + "[\"sh\", \"-c\", \"while :; do sleep 2; done\"], \"deploy\": {\"replicas\": 2}, \"healthcheck\": "
        + "{\"test\": [\"CMD-SHELL\", \"test -f " + ready + "\"], \"interval\": \"100ms\", \"retries\": 1000}}}}}";
    HttpResponse<String> deployed = session.api("operator", "POST", "/v1/deployments", old);
    assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(201);
    try (HeadlessChromium chromium = session.signedIn("operator", 1280, 800)) {
      ChromeDriver browser = chromium.driver();
      browser.get(session.base() + "/ui/#/deployments/roll");
      waitForText(browser, By.id("deployment-ready"), "2 / 2");
      await().atMost(WAIT).until(() -> "true".equals(browser.findElement(By.id("rollout")).getAttribute("data-live")));
      assertThat(browser.findElement(By.id("rollout")).isDisplayed()).as("no update, no progress").isFalse();

      HttpResponse<String> update = session.api("operator", "POST", "/v1/deployments", updated);
      assertThat(update.statusCode()).as(update.body()).isBetween(200, 201);
      // Midway: one old replica was replaced by a new one that is not ready yet; the other old one still serves.
      waitForText(browser, By.id("rollout-text"), "0 of 2 replicas updated and ready, 1 still on the old spec.");
      assertThat(browser.findElement(By.id("rollout-progress")).getAttribute("value")).isEqualTo("0");
      assertThat(updatedReplicas("roll")).as("the API's count, which the page shows").isZero();
      chromium.screenshot("rolling-update");

      Files.writeString(ready, "ok");
      waitForText(browser, By.id("rollout-text"), "complete: all 2 replicas run the new spec.");
      assertThat(browser.findElement(By.id("rollout-progress")).getAttribute("value")).isEqualTo("2");
      waitForText(browser, By.id("deployment-ready"), "2 / 2");
      assertThat(updatedReplicas("roll")).isEqualTo(2);
    } finally {
      session.remove("operator", "roll");
    }
  }

  @Test
  void theNetworkPageDrawsThisNodeAndItsConnectedPeersAndReadsTheirScoresInOneCall() throws Exception {
    String network = session.api("admin", "GET", "/v1/network", null).body();
    String selfId = first(PEER_ID.matcher(network));
    Matcher address = Pattern.compile("\"(/ip4/127\\.0\\.0\\.1/tcp/\\d+[^\"]*)\"").matcher(network);
    assertThat(address.find()).as(network).isTrue();
    try (NodeProcess peer = NodeProcess.start(tmp.resolve("peer"), "--runtime", "process", "--bootstrap",
        address.group(1));
        NodeProcess second = NodeProcess.start(tmp.resolve("peer2"), "--runtime", "process", "--bootstrap",
            address.group(1))) {
      peer.awaitReady(WAIT);
      second.awaitReady(WAIT);
      try (HeadlessChromium chromium = session.signedIn("admin", 1280, 800)) {
        ChromeDriver browser = chromium.driver();
        browser.get(session.base() + "/ui/#/network");
        WebElement graph = waitFor(browser, By.id("peer-graph"));
        assertThat(graph.findElement(By.cssSelector("g.self")).getAttribute("data-peer")).isEqualTo(selfId);
        // The peers join over the bootstrap address; the page redraws every 5 s.
        await().atMost(WAIT).ignoreExceptions().until(() -> graph.findElements(By.cssSelector("g.peer")).size() == 2);
        List<String> peerIds = graph.findElements(By.cssSelector("g.peer")).stream()
            .map(g -> g.getAttribute("data-peer")).toList();
        assertThat(session.api("admin", "GET", "/v1/peers", null).body()).contains(peerIds);
        assertThat(peerIds).doesNotContain(selfId);
        assertThat(graph.findElements(By.cssSelector("line.edge"))).hasSize(2);
        assertThat(graph.getAttribute("aria-label")).isEqualTo("this node and its 2 connected peers");
        // The DHT's size and the topics, as /v1/network answers them.
        waitForText(browser, By.id("network-self"), "in the routing table");
        int topics = Pattern.compile("\"topic\":").matcher(session.api("admin", "GET", "/v1/network", null).body())
            .results().mapToInt(r -> 1).sum();
        assertThat(browser.findElements(By.cssSelector("#topics-body tr"))).hasSize(topics);
        // QoS where present: each peer's score once this node has challenged it (periodic sampling may have too).
        for (String peerId : peerIds) {
          HttpResponse<String> challenged = session.api("admin", "POST", "/v1/qos/challenges",
              "{\"provider\": \"" + peerId + "\", \"type\": \"latency\"}");
          assertThat(challenged.statusCode()).as(challenged.body()).isEqualTo(200);
        }
        for (String peerId : peerIds) {
          By qos = By.cssSelector("#peers-body tr[data-peer='" + peerId + "'] td.qos");
          waitForText(browser, qos, " challenges)");
          assertThat(browser.findElement(qos).getText()).matches("\\d\\.\\d\\d \\([1-9]\\d* challenges\\)");
        }
        chromium.screenshot("network-graph");

        // Counted at the node over three refreshes: no per-peer score reads, and at most one batched read per
        // refresh (each refresh lists the peers once). The peers stay the same, so the 30 s cadence allows one.
        long peers0 = session.requests("/v1/peers");
        long batched0 = session.requests("/v1/qos/scores");
        await().atMost(WAIT).until(() -> session.requests("/v1/peers") >= peers0 + 3);
        long refreshes = session.requests("/v1/peers") - peers0;
        long batched = session.requests("/v1/qos/scores") - batched0;
        System.out.printf("network page: %d refreshes, %d batched score reads, %d per-peer score reads in all%n",
            refreshes, batched, session.requests("/v1/qos/providers/"));
        assertThat(session.requests("/v1/qos/providers/")).as("per-peer score reads").isZero();
        assertThat(batched).isLessThanOrEqualTo(refreshes).isLessThanOrEqualTo(1);
        assertThat(batched0).as("the scores were read in batches").isPositive();
      }
    }
  }

  /** {@code updatedReplicas} of the deployment as GET /v1/deployments/{name} answers it (absent: 0). */
  private int updatedReplicas(String name) throws Exception {
    HttpResponse<String> d = session.api("operator", "GET", "/v1/deployments/" + name, null);
    assertThat(d.statusCode()).as(d.body()).isEqualTo(200);
    JsonNode status = new ObjectMapper().readTree(d.body());
    return (status.has("deployment") ? status.path("deployment") : status).path("updatedReplicas").asInt();
  }

  private static String first(Matcher m) {
    assertThat(m.find()).isTrue();
    return m.group(1);
  }
}
