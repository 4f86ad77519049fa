package ai.hanzo.node.api.endpoint;

import ai.hanzo.node.p2p.placement.DeployProtocol;
import ai.hanzo.node.api.v1.DeployRequest;
import ai.hanzo.node.api.v1.DeployResponse;
import ai.hanzo.node.compute.Tenant;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.events.DomainEvent;
import ai.hanzo.node.events.EventBus;
import ai.hanzo.node.events.EventTypes;
import ai.hanzo.node.p2p.P2pNode;
import ai.hanzo.node.p2p.PeerView;
import ai.hanzo.node.p2p.placement.DeployAnswer;
import ai.hanzo.node.p2p.placement.DeployCall;
import ai.hanzo.node.p2p.placement.DeployClient;
import ai.hanzo.node.p2p.placement.Lease;
import ai.hanzo.node.p2p.placement.LeaseRules;
import ai.hanzo.node.storage.AuditEntry;
import ai.hanzo.node.storage.AuditLog;
import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the leases of the deployments this node placed elsewhere ({@link LeaseRules}): on its own thread (placing
 * writes RocksDB and waits for targets), every {@link #tickEvery} it places again each deployment whose target went
 * silent past the lease timeout (same ranking, without the lost node and any node still to confirm an older lease
 * of it), and tells each old target that heartbeats again that its lease was taken away, until it confirms. Every
 * move and release is an event ({@code deployment.replaced}, {@code deployment.replace_failed},
 * {@code deployment.lease_released}) with its reason, and audited as {@code p2p:replace} / {@code p2p:release} by
 * {@code node:<id>}.
 */
public final class LeaseKeeper implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);
  /** A failure to place again is published once per this, not at every tick. */
  private static final Duration FAILURE_EVERY = Duration.ofSeconds(30);

  private final DeploymentPlacer placer;
  private final ComputeEndpoint compute;
  private final PlacementLeases leases;
  private final PlacedDeployments placed;
  private final P2pNode p2p;
  private final LeaseRules rules;
  private final EventBus events;
  private final AuditLog audit;
  private final Clock clock;
  private final Instant startedAt;
  private final Map<String, Instant> lastFailure = new HashMap<>();
  private final Set<String> releasing = ConcurrentHashMap.newKeySet();
  private ScheduledExecutorService timer;

  public LeaseKeeper(DeploymentPlacer placer, ComputeEndpoint compute, PlacementLeases leases,
      PlacedDeployments placed, P2pNode p2p, LeaseRules rules, EventBus events, AuditLog audit, Clock clock) {
    this.placer = placer;
    this.compute = compute;
    this.leases = leases;
    this.placed = placed;
    this.p2p = p2p;
    this.rules = rules;
    this.events = events;
    this.audit = audit;
    this.clock = clock;
    this.startedAt = clock.instant();
  }

  /** A quarter of the lease timeout, at most a second: a lost target is noticed soon after its lease ran out. */
  Duration tickEvery() {
    Duration quarter = rules.timeout().dividedBy(4);
    return quarter.compareTo(Duration.ofSeconds(1)) < 0 ? quarter : Duration.ofSeconds(1);
  }

  public synchronized void start() {
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "placement-leases");
      t.setDaemon(true);
      return t;
    });
    long every = Math.max(50, tickEvery().toMillis());
    timer.scheduleWithFixedDelay(this::tickSafely, every, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      log.warn("Keeping the placement leases failed; retrying at the next tick: {}", e.toString());
    }
  }

  void tick() {
    List<String> ids = leases.deploymentIds();
    if (ids.isEmpty()) {
      return;
    }
    Map<String, Instant> heard = heartbeats();
    Instant now = clock.instant();
    for (String id : ids) {
      for (PlacementLeases.Revoked r : leases.revoked(id)) {
        if (rules.reachableAgain(r.revokedAt(), Optional.ofNullable(heard.get(r.lease().peerId())))) {
          release(r.lease());
        }
      }
      Optional<Lease> current = leases.current(id);
      if (current.isEmpty()) {
        continue;
      }
      Lease lease = current.get();
      Instant since = lease.grantedAt().isAfter(startedAt) ? lease.grantedAt() : startedAt;
      Optional<String> expired = rules.expired(lease.nodeId(), since,
          Optional.ofNullable(heard.get(lease.peerId())), now);
      if (expired.isPresent()) {
        placeAgain(lease, expired.get());
      }
    }
  }

  /** When each peer's latest heartbeat arrived. */
  private Map<String, Instant> heartbeats() {
    Map<String, Instant> heard = new HashMap<>();
    for (PeerView peer : p2p.peers(false)) {
      peer.heartbeat().ifPresent(e -> heard.put(peer.peerId(), e.receivedAt()));
    }
    return heard;
  }

  private void placeAgain(Lease lost, String reason) {
    String id = lost.deploymentId();
    if (leases.revoked(id).size() >= PlacementLeases.MAX_REVOKED) {
      failed(lost, reason, PlacementLeases.MAX_REVOKED + " earlier leases of it are still to be confirmed stopped");
      return;
    }
    DeployRequest request;
    try {
      request = DeployRequest.parseFrom(leases.request(id).orElseThrow());
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      failed(lost, reason, "its request is unreadable: " + e.getMessage());
      return;
    }
    Set<String> excluded = new HashSet<>();
    excluded.add(lost.nodeId());
    leases.revoked(id).forEach(r -> excluded.add(r.lease().nodeId()));
    Tenant tenant = Tenant.of(lost.org().isEmpty() ? null : lost.org());
    DeployResponse placedAgain;
    try {
      placedAgain = placer.place(compute, request, tenant, subject(), excluded);
    } catch (NodeException e) {
      failed(lost, reason, e.getMessage());
      return;
    }
    leases.revoke(lost, clock.instant());
    String to = placedAgain.getNodeId();
    if (to.equals(placer.nodeId())) {
      placed.remove(id);
      leases.endCurrent(id);
    }
    lastFailure.remove(id);
    String message = "placed again on node " + to + ": " + reason;
    log.info("Deployment {} {}", id, message);
    Map<String, String> attributes = attributes(lost, reason);
    attributes.put("to_node", to);
    events.publish(new DomainEvent(clock.instant(), EventTypes.DEPLOYMENT_REPLACED, "deployment", id, message,
        attributes));
    record("p2p:replace", lost, "OK", attributes);
  }

  private void failed(Lease lost, String reason, String why) {
    Instant now = clock.instant();
    Instant last = lastFailure.get(lost.deploymentId());
    if (last != null && Duration.between(last, now).compareTo(FAILURE_EVERY) < 0) {
      return;
    }
    lastFailure.put(lost.deploymentId(), now);
    String message = "could not be placed again (" + reason + "): " + why;
    log.warn("Deployment {} {}", lost.deploymentId(), message);
    Map<String, String> attributes = attributes(lost, reason);
    attributes.put("error", why.length() > 512 ? why.substring(0, 512) : why);
    events.publish(new DomainEvent(now, EventTypes.DEPLOYMENT_REPLACE_FAILED, "deployment", lost.deploymentId(),
        message, attributes));
    record("p2p:replace", lost, "FAILED", attributes);
  }

  /** Tells the old target its lease was taken away; at most one call per lease at once. */
  private void release(Lease old) {
    String key = old.deploymentId() + "\t" + old.epoch();
    Optional<DeployClient> client = p2p.protocols().find(DeployProtocol.class).map(DeployProtocol::client);
    if (client.isEmpty() || !releasing.add(key)) {
      return;
    }
    String reason = "the lease was taken away and the deployment placed again";
    // Not connected to the old target (it came back through others' gossip): dial where this node knows it at.
    client.get().call(old.peerId(), placer.addressesOf(old.peerId()), new DeployCall.Release(old.deploymentId(), old.epoch(), reason, "",
        old.org())).whenComplete((answer, error) -> {
          releasing.remove(key);
          if (error != null) {
            log.info("Telling node {} to stop deployment {} failed; retrying: {}", old.nodeId(), old.deploymentId(),
                error.getMessage());
            return;
          }
          // A target without the lease, or with a newer one, runs no copy of the lease taken: nothing to stop.
          boolean done = answer instanceof DeployAnswer.Accepted || answer instanceof DeployAnswer.Refused r
              && (r.code() == ErrorCode.NOT_FOUND || r.code() == ErrorCode.FAILED_PRECONDITION);
          if (!done) {
            log.warn("Node {} refused to stop deployment {}: {}", old.nodeId(), old.deploymentId(), answer);
            return;
          }
          // Off the event loop: the config store and the audit log write RocksDB.
          timer.execute(() -> released(old, answer));
        });
  }

  private void released(Lease old, DeployAnswer answer) {
    leases.released(old);
    String how = answer instanceof DeployAnswer.Refused r ? r.message() : "its copy is stopped and removed";
    Map<String, String> attributes = attributes(old, how);
    events.publish(new DomainEvent(clock.instant(), EventTypes.DEPLOYMENT_LEASE_RELEASED, "deployment",
        old.deploymentId(), "node " + old.nodeId() + " gave up lease " + old.epoch() + ": " + how, attributes));
    record("p2p:release", old, "OK", attributes);
  }

  private static Map<String, String> attributes(Lease lease, String reason) {
    Map<String, String> a = new LinkedHashMap<>();
    a.put(DomainEvent.ORG, lease.org());
    a.put("from_node", lease.nodeId());
    a.put("epoch", Long.toString(lease.epoch()));
    a.put("reason", reason.length() > 512 ? reason.substring(0, 512) : reason);
    return a;
  }

  private void record(String action, Lease lease, String outcome, Map<String, String> attributes) {
    Map<String, String> details = new LinkedHashMap<>(attributes);
    details.remove(DomainEvent.ORG);
    details.put("caller_org", lease.org());
    audit.append(new AuditEntry(clock.instant(), subject(), action, lease.deploymentId(), outcome, null, details));
  }

  private String subject() {
    return "node:" + placer.nodeId();
  }
}
