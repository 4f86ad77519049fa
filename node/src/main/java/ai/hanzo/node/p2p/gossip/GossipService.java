package ai.hanzo.node.p2p.gossip;

import ai.hanzo.libp2p.pubsub.Gossipsub;
import ai.hanzo.libp2p.pubsub.PubsubMessage;
import ai.hanzo.libp2p.pubsub.ValidationResult;
import ai.hanzo.node.events.DomainEvent;
import ai.hanzo.node.events.EventBus;
import ai.hanzo.node.events.EventFilter;
import ai.hanzo.node.events.EventSubscription;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's four topics on Gossipsub: validates what arrives, keeps the {@link NetworkDirectory}, publishes this
 * node's heartbeat and metrics on their intervals and its deployment events as they happen, and hands commands to
 * the {@link CommandHandler}. Router callbacks only decode and enqueue; the work runs on {@code scheduler}.
 */
public final class GossipService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GossipService.class);
  private static final int DEPLOYMENT_QUEUE = 1024;

  private final Gossipsub gossip;
  private final GossipCodecs codecs;
  private final GossipSettings settings;
  private final LocalNode self;
  private final String agent;
  private final NetworkDirectory directory;
  private final CommandHandler commands;
  private final EventBus events;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final PayloadCheck<NodeAnnouncement> heartbeats;
  private final PayloadCheck<MetricsAnnouncement> metrics;
  private final PayloadCheck<DeploymentNotice> deployments;
  private final PeerAdmission admission;
  private EventSubscription deploymentEvents;

  public GossipService(Gossipsub gossip, GossipCodecs codecs, GossipSettings settings, LocalNode self, String agent,
      NetworkDirectory directory, CommandHandler commands, EventBus events, ScheduledExecutorService scheduler,
      Clock clock) {
    this(gossip, codecs, settings, self, agent, directory, commands, events, scheduler, clock, PeerAdmission.OPEN);
  }

  /** @param admission asked, after a message's own checks, whether its signer's messages count at all */
  public GossipService(Gossipsub gossip, GossipCodecs codecs, GossipSettings settings, LocalNode self, String agent,
      NetworkDirectory directory, CommandHandler commands, EventBus events, ScheduledExecutorService scheduler,
      Clock clock, PeerAdmission admission) {
    this.admission = admission;
    this.gossip = gossip;
    this.codecs = codecs;
    this.settings = settings;
    this.self = self;
    this.agent = agent;
    this.directory = directory;
    this.commands = commands;
    this.events = events;
    this.scheduler = scheduler;
    this.clock = clock;
    this.heartbeats = new PayloadCheck<>(codecs.heartbeat(), settings.maxAge(), settings.skew(), clock);
    this.metrics = new PayloadCheck<>(codecs.metrics(), settings.maxAge(), settings.skew(), clock);
    this.deployments = new PayloadCheck<>(codecs.deployments(), settings.maxAge(), settings.skew(), clock);
  }

  public void start() {
    topic(Topics.HEARTBEAT, m -> heartbeats.check(author(m), m.data()), codecs.heartbeat(),
        a -> directory.heard(a, clock.instant()));
    topic(Topics.METRICS, m -> metrics.check(author(m), m.data()), codecs.metrics(), directory::heard);
    topic(Topics.DEPLOYMENTS, m -> deployments.check(author(m), m.data()), codecs.deployments(),
        this::peerDeployment);
    topic(Topics.COMMANDS, m -> commands.validate(author(m), m.data()), codecs.commands(), commands::deliver);
    deploymentEvents = events.subscribe(EventFilter.of(List.of("deployment.*")), DEPLOYMENT_QUEUE,
        () -> scheduler.execute(this::publishDeploymentEvents));
    long beat = settings.heartbeatInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::publishHeartbeat, Math.min(beat, 1000), beat, TimeUnit.MILLISECONDS);
    long every = settings.metricsInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::publishMetrics, every, every, TimeUnit.MILLISECONDS);
  }

  /** Publishes a command of this node; completes with the number of peers it went to. */
  public CompletableFuture<Integer> send(NetworkCommand command) {
    return gossip.publish(Topics.COMMANDS, codecs.commands().encode(command));
  }

  /** Delivered messages passed {@code check} already, so the handler only decodes them (off the router thread). */
  private <T extends GossipPayload> void topic(String topic, Function<PubsubMessage, Verdict<T>> check,
      PayloadCodec<T> codec, Consumer<T> handler) {
    gossip.addValidator(topic, m -> {
      Verdict<T> v = check.apply(m);
      if (!v.accepted()) {
        return verdict(topic, v, m);
      }
      // Only a message that is otherwise fine costs a stake lookup: garbage is rejected without one.
      String claim = v.payload() instanceof NodeAnnouncement a ? a.operatorAddress() : "";
      return admission.admit(topic, author(m), claim).thenCompose(refused -> verdict(topic,
          refused.<Verdict<T>>map(reason -> Verdict.ignore(v.payload(), "peer not admitted: " + reason)).orElse(v),
          m));
    }).join();
    gossip.subscribe(topic, m -> {
      if (m.author().equals(gossip.peerId())) {
        return;
      }
      scheduler.execute(() -> {
        try {
          handler.accept(codec.decode(m.data()));
        } catch (RuntimeException e) {
          log.warn("Handling a {} message from {} failed: {}", topic, m.author(), e.toString());
        }
      });
    }).join();
  }

  private static <T> CompletionStage<ValidationResult> verdict(String topic, Verdict<T> v, PubsubMessage m) {
    if (!v.accepted()) {
      log.debug("{} message from {} {}: {}", topic, m.author(), v.result(), v.reason());
    }
    return CompletableFuture.completedFuture(v.result());
  }

  private static String author(PubsubMessage m) {
    return m.author().toString();
  }

  private void peerDeployment(DeploymentNotice n) {
    log.info("Peer {} (node {}) reports {} of deployment {}: {}", n.peerId(), n.nodeId(), n.eventType(),
        n.deploymentId(), n.message());
    Map<String, String> attributes = new HashMap<>(n.attributes());
    attributes.put("event_type", n.eventType());
    attributes.put("node_id", n.nodeId());
    attributes.put("peer_id", n.peerId());
    events.publish(new DomainEvent(n.timestamp(), NetworkEvents.PEER_DEPLOYMENT, "deployment", n.deploymentId(),
        n.message(), attributes));
  }

  private void publishDeploymentEvents() {
    DomainEvent e;
    while ((e = deploymentEvents.poll()) != null) {
      if (e.resourceId().isEmpty()) {
        continue;
      }
      publish(Topics.DEPLOYMENTS, codecs.deployments().encode(new DeploymentNotice(self.nodeId(), selfPeer(),
          e.type(), e.resourceId(), PayloadLimits.clip(e.message()), PayloadLimits.clip(localOnlyRemoved(e)),
          e.timestamp())));
    }
  }

  /** The event's attributes without the owning org, which is this node's business only. */
  private static Map<String, String> localOnlyRemoved(DomainEvent e) {
    Map<String, String> attributes = new HashMap<>(e.attributes());
    attributes.remove(DomainEvent.ORG);
    return attributes;
  }

  private void publishHeartbeat() {
    guarded(() -> publish(Topics.HEARTBEAT, codecs.heartbeat().encode(new NodeAnnouncement(self.nodeId(),
        selfPeer(), agent, self.state(), self.capabilities(), self.metrics(), self.apiEndpoints(),
        clock.instant(), self.operatorAddress(), self.placement(), self.p2pAddresses()))));
  }

  private void publishMetrics() {
    guarded(() -> publish(Topics.METRICS, codecs.metrics().encode(new MetricsAnnouncement(self.nodeId(), selfPeer(),
        self.metrics(), clock.instant()))));
  }

  /** A periodic task that throws is cancelled by the scheduler: log instead. */
  private static void guarded(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      log.warn("Gossip publish failed: {}", e.toString());
    }
  }

  private void publish(String topic, byte[] data) {
    gossip.publish(topic, data).whenComplete((peers, error) -> {
      if (error != null) {
        // Nobody subscribed yet (a lone node) is normal; anything else is worth a debug line.
        log.debug("Not published on {}: {}", topic, error.getMessage());
      }
    });
  }

  private String selfPeer() {
    return gossip.peerId().toString();
  }

  @Override
  public void close() {
    if (deploymentEvents != null) {
      deploymentEvents.close();
    }
  }
}
