package ai.hanzo.node.cli;

import ai.hanzo.node.client.AuditPage;
import ai.hanzo.node.client.QosAnswers;
import ai.hanzo.node.client.UsageReport;
import ai.hanzo.node.client.CommandSent;
import ai.hanzo.node.client.Container;
import ai.hanzo.node.client.Deployed;
import ai.hanzo.node.client.Deployment;
import ai.hanzo.node.client.Done;
import ai.hanzo.node.client.Event;
import ai.hanzo.node.client.Health;
import ai.hanzo.node.client.Inspected;
import ai.hanzo.node.client.LogLine;
import ai.hanzo.node.client.Metrics;
import ai.hanzo.node.client.Network;
import ai.hanzo.node.client.NodeStatus;
import ai.hanzo.node.client.OperatorInfo;
import ai.hanzo.node.client.OperatorTx;
import ai.hanzo.node.client.Peer;
import ai.hanzo.node.client.Pool;
import ai.hanzo.node.client.PoolMember;
import ai.hanzo.node.client.Provider;
import ai.hanzo.node.client.Scaled;
import ai.hanzo.node.client.Scheduling;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Turns the client's answers into what the CLI prints, in the chosen {@link OutputFormat}: a table, or the answer
 * as JSON/YAML ({@link AnswerJson}). A list comes out as JSON under the name the node's answer gives it
 * ({@code {"deployments": [...]}}), as it always has.
 */
final class Renderer {
  private final OutputFormat format;

  Renderer(OutputFormat format) {
    this.format = format;
  }

  String health(Health h) {
    return render(h, () -> NodeTables.health(h));
  }

  String status(NodeStatus s) {
    return render(s, () -> NodeTables.status(s));
  }

  /** Printed before the first sample, in table form only. */
  String metricsHeader() {
    return format == OutputFormat.TABLE ? NodeTables.metricsHeader() : "";
  }

  /** One line per sample (JSON lines / YAML documents when not a table). */
  String metricsLine(Metrics.Sample r) {
    return renderLine(r, () -> NodeTables.metricsLine(r));
  }

  String eventLine(Event e) {
    return renderLine(e, () -> NodeTables.eventLine(e));
  }

  String audit(AuditPage r) {
    return render(r, () -> NodeTables.audit(r));
  }

  String qosChallenge(QosAnswers.Challenge c) {
    return render(c, () -> QosTables.challenge(c));
  }

  String qosScore(QosAnswers.Score s) {
    return render(s, () -> QosTables.score(s));
  }

  String qosState(QosAnswers.State s) {
    return render(s, () -> QosTables.state(s));
  }

  String qosHistory(QosAnswers.Challenges page) {
    return render(page, () -> QosTables.history(page));
  }

  String qosSlashes(QosAnswers.Slashes page) {
    return render(page, () -> QosTables.slashes(page));
  }

  String usage(UsageReport r) {
    return render(r, () -> NodeTables.usage(r));
  }

  String scheduling(Scheduling s) {
    return render(s, () -> s.message() + "\n");
  }

  String deployed(Deployed r) {
    return render(r, () -> WorkloadTables.deployed(r));
  }

  String deployments(List<Deployment> deployments) {
    return render(Map.of("deployments", deployments), () -> WorkloadTables.deployments(deployments));
  }

  String inspected(Inspected i) {
    return i.deployment() != null ? render(i.deployment(), () -> WorkloadTables.deployment(i.deployment()))
        : render(i.container(), () -> WorkloadTables.container(i.container()));
  }

  String containers(List<Container> containers) {
    return render(Map.of("containers", containers), () -> WorkloadTables.containers(containers));
  }

  String scaled(Scaled r) {
    return render(r, () -> WorkloadTables.scaled(r));
  }

  /** The message of a Stop or Remove answer, or the whole answer as JSON/YAML. */
  String done(Done r) {
    return render(r, () -> r.message() + "\n");
  }

  String logLine(LogLine e) {
    return renderLine(e, () -> WorkloadTables.logLine(e));
  }

  String peers(List<Peer> peers) {
    return render(Map.of("peers", peers), () -> NetworkTables.peers(peers));
  }

  String network(Network n) {
    return render(n, () -> NetworkTables.network(n));
  }

  String sent(CommandSent r) {
    return render(r, () -> NetworkTables.sent(r));
  }

  String providers(List<Provider> providers) {
    return render(Map.of("providers", providers), () -> NetworkTables.providers(providers));
  }

  String pools(List<Pool> pools) {
    return render(Map.of("pools", pools), () -> PoolTables.pools(pools));
  }

  String pool(Pool p) {
    return render(p, () -> PoolTables.pool(p));
  }

  String poolMembers(String poolId, List<PoolMember> members) {
    Map<String, Object> answer = new java.util.LinkedHashMap<>(); // in this order, as the wire message has them
    answer.put("poolId", poolId);
    answer.put("nodes", members);
    return render(answer, () -> PoolTables.members(members));
  }

  String allocation(ai.hanzo.node.client.Allocation a) {
    return render(a, () -> AllocationTables.allocation(a));
  }

  String allocations(List<ai.hanzo.node.client.Allocation> allocations) {
    return render(Map.of("allocations", allocations), () -> AllocationTables.allocations(allocations));
  }

  String released(ai.hanzo.node.client.Allocation.Released r) {
    return render(r, () -> AllocationTables.released(r));
  }

  String operatorTx(OperatorTx t) {
    return render(t, () -> OperatorTables.transaction(t));
  }

  String operatorStatus(OperatorInfo s) {
    return render(s, () -> OperatorTables.status(s));
  }

  private String render(Object answer, Supplier<String> table) {
    return format == OutputFormat.TABLE ? table.get() : structured(answer, false);
  }

  /** As {@link #render}, for each answer of a stream: JSON on one line each. */
  private String renderLine(Object answer, Supplier<String> table) {
    return format == OutputFormat.TABLE ? table.get() : structured(answer, true);
  }

  private String structured(Object answer, boolean oneLine) {
    return format == OutputFormat.JSON ? AnswerJson.json(answer, oneLine) : AnswerJson.yaml(answer);
  }
}
