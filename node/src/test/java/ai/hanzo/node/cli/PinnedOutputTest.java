package ai.hanzo.node.cli;

import static ai.hanzo.node.client.WireSamples.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The CLI's output of one answer of each kind, in each format, byte for byte as the files in {@code cli-output/}:
 * those were written from the wire messages by the protobuf-JSON renderer the CLI had before the client answered
 * records, so tables, {@code -o json} and {@code -o yaml} print as they did and scripts reading them keep working.
 */
class PinnedOutputTest {
  private static final Map<String, Function<Renderer, String>> ANSWERS = Map.ofEntries(
      Map.entry("health", r -> r.health(health())),
      Map.entry("health-bare", r -> r.health(bareHealth())),
      Map.entry("status", r -> r.status(status())),
      Map.entry("metrics", r -> r.metricsHeader() + r.metricsLine(metricsSample())
          + r.metricsLine(metricsSample())),
      Map.entry("events", r -> r.eventLine(event()) + r.eventLine(event())),
      Map.entry("deploy", r -> r.deployed(deployed())),
      Map.entry("deployments", r -> r.deployments(deployments())),
      Map.entry("deployments-empty", r -> r.deployments(java.util.List.of())),
      Map.entry("inspect-deployment", r -> r.inspected(inspectedDeployment())),
      Map.entry("inspect-container", r -> r.inspected(inspectedContainer())),
      Map.entry("containers", r -> r.containers(containers())),
      Map.entry("scale", r -> r.scaled(scaled())),
      Map.entry("stop", r -> r.done(stopped())),
      Map.entry("rm", r -> r.done(removed())),
      Map.entry("cordon", r -> r.scheduling(scheduling())),
      Map.entry("logs", r -> r.logLine(logLine()) + r.logLine(logLine())),
      Map.entry("audit", r -> r.audit(audit())),
      Map.entry("peers", r -> r.peers(peers())),
      Map.entry("network", r -> r.network(network())),
      Map.entry("command", r -> r.sent(sent())),
      Map.entry("providers", r -> r.providers(providers())),
      // pinned from the client's own renderer when GPU-seconds and network bytes were added (usage had no pin before);
      // since then its uint32 token counts are numbers and its 64-bit ones strings, as in every other answer
      Map.entry("usage", r -> r.usage(usage())));

  @ParameterizedTest
  @EnumSource(OutputFormat.class)
  void everyAnswerPrintsAsPinned(OutputFormat format) throws IOException {
    Renderer renderer = new Renderer(format);
    SoftAssertions softly = new SoftAssertions();
    for (var answer : ANSWERS.entrySet()) {
      softly.assertThat(answer.getValue().apply(renderer)).as(answer.getKey() + " as " + format)
          .isEqualTo(pinned(answer.getKey(), format));
    }
    softly.assertAll();
  }

  private static String pinned(String answer, OutputFormat format) throws IOException {
    String ext = format == OutputFormat.TABLE ? "txt" : format.name().toLowerCase(Locale.ROOT);
    try (InputStream in = PinnedOutputTest.class.getResourceAsStream("/cli-output/" + answer + "." + ext)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
