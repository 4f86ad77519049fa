package ai.hanzo.node.client;

import static ai.hanzo.node.client.WireSamples.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The CLI's output of one answer of each kind, in each format, byte for byte as the files in
 * {@code cli-output/} (written by the protobuf-JSON renderer the CLI used to have), so scripts reading
 * {@code -o json}/{@code -o yaml} keep working.
 */
class PinnedOutputTest {
  private static final Map<String, Function<Renderer, String>> ANSWERS = Map.ofEntries(
      Map.entry("health", r -> r.health(health())),
      Map.entry("health-bare", r -> r.health(bareHealth())),
      Map.entry("status", r -> r.status(status())),
      Map.entry("metrics", r -> Renderer.metricsHeader() + r.metricsLine(metricsSample())
          + r.metricsLine(metricsSample())),
      Map.entry("events", r -> r.eventLine(event()) + r.eventLine(event())),
      Map.entry("deploy", r -> r.deployed(deployed())),
      Map.entry("deployments", r -> r.deployments(deployments())),
      Map.entry("deployments-empty", r -> r.deployments(
          ai.hanzo.node.api.v1.ListDeploymentsResponse.getDefaultInstance())),
      Map.entry("inspect-deployment", r -> r.deployment(deployment())),
      Map.entry("inspect-container", r -> r.container(container())),
      Map.entry("containers", r -> r.containers(containers())),
      Map.entry("scale", r -> r.scaled(scaled())),
      Map.entry("stop", r -> r.done(stopped(), stopped().getMessage())),
      Map.entry("rm", r -> r.done(removed(), removed().getMessage())),
      Map.entry("cordon", r -> r.done(scheduling(), scheduling().getMessage())),
      Map.entry("logs", r -> r.logLine(logLine()) + r.logLine(logLine())),
      Map.entry("audit", r -> r.audit(audit())),
      Map.entry("peers", r -> r.peers(peers())),
      Map.entry("network", r -> r.network(network())),
      Map.entry("command", r -> r.sent(sent())),
      Map.entry("providers", r -> r.providers(providers())));

  @ParameterizedTest
  @EnumSource(OutputFormat.class)
  void everyAnswerPrintsAsPinned(OutputFormat format) throws IOException {
    Renderer renderer = new Renderer(format);
    for (var answer : ANSWERS.entrySet()) {
      assertThat(answer.getValue().apply(renderer)).as(answer.getKey() + " as " + format)
          .isEqualTo(pinned(answer.getKey(), format));
    }
  }

  private static String pinned(String answer, OutputFormat format) throws IOException {
    String ext = format == OutputFormat.TABLE ? "txt" : format.name().toLowerCase(Locale.ROOT);
    try (InputStream in = PinnedOutputTest.class.getResourceAsStream("/cli-output/" + answer + "." + ext)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
