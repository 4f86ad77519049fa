package ai.hanzo.node.api.endpoint;

import ai.hanzo.node.api.v1.FindProvidersRequest;
import ai.hanzo.node.api.v1.FindProvidersResponse;
import ai.hanzo.node.api.v1.GetNetworkRequest;
import ai.hanzo.node.api.v1.ListPeersRequest;
import ai.hanzo.node.api.v1.ListPeersResponse;
import ai.hanzo.node.api.v1.NetworkCommandType;
import ai.hanzo.node.api.v1.NetworkInfo;
import ai.hanzo.node.api.v1.PeerInfo;
import ai.hanzo.node.api.v1.ProviderInfo;
import ai.hanzo.node.api.v1.SendCommandRequest;
import ai.hanzo.node.api.v1.SendCommandResponse;
import ai.hanzo.node.api.v1.TopicInfo;
import ai.hanzo.node.chain.PeerStake;
import ai.hanzo.node.chain.PeerStakes;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.p2p.CapabilityKeys;
import ai.hanzo.node.p2p.P2pNode;
import ai.hanzo.node.p2p.PeerView;
import ai.hanzo.node.p2p.ProviderView;
import ai.hanzo.node.p2p.gossip.CommandKind;
import ai.hanzo.node.p2p.gossip.CommandRules;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/** ListPeers, GetNetwork, SendCommand and FindProviders: the node on the libp2p network. */
public final class NetworkEndpoint {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration DEFAULT_TTL = Duration.ofSeconds(60);
  private static final int DEFAULT_PROVIDERS = 20;
  /** ListPeers waits at most this long for stakes not cached: below the API's request timeout. */
  private static final Duration STAKE_WAIT = Duration.ofSeconds(6);
  private static final Pattern COMMAND_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private final Optional<P2pNode> p2p;
  private final String networkId;
  private final String agentVersion;
  private final Optional<PeerStakes> stakes;

  public NetworkEndpoint(Optional<P2pNode> p2p, String networkId, String agentVersion) {
    this(p2p, networkId, agentVersion, Optional.empty());
  }

  /** @param stakes the registry's view of peers' stakes, when the node follows a registry */
  public NetworkEndpoint(Optional<P2pNode> p2p, String networkId, String agentVersion,
      Optional<PeerStakes> stakes) {
    this.stakes = stakes;
    this.p2p = p2p;
    this.networkId = networkId;
    this.agentVersion = agentVersion;
  }

  private P2pNode node() {
    P2pNode node = p2p.orElseThrow(() -> new NodeException(ErrorCode.UNIMPLEMENTED,
        "this node has no libp2p host"));
    if (node.peerId() == null) {
      throw new NodeException(ErrorCode.UNAVAILABLE, "the libp2p host has not started yet");
    }
    return node;
  }

  public ListPeersResponse listPeers(ListPeersRequest r) {
    ListPeersResponse.Builder b = ListPeersResponse.newBuilder();
    List<PeerView> peers = node().peers(r.getAll());
    // All lookups at once (most answer from the cache), then one bounded wait for the ones that ask the chain.
    List<Optional<CompletableFuture<PeerStake>>> lookups = peers.stream()
        .map(p -> stakes.map(s -> s.lookup(p.peerId()))).toList();
    long deadline = System.nanoTime() + STAKE_WAIT.toNanos();
    for (int i = 0; i < peers.size(); i++) {
      PeerInfo.Builder info = peer(peers.get(i)).toBuilder();
      String peerId = peers.get(i).peerId();
      lookups.get(i).flatMap(f -> within(f, deadline)).or(() -> stakes.flatMap(s -> s.cached(peerId)))
          .ifPresent(s -> stake(info, s));
      b.addPeers(info);
    }
    return b.build();
  }

  public NetworkInfo getNetwork(GetNetworkRequest r) {
    P2pNode node = node();
    int connected = node.connectedPeers();
    NetworkInfo.Builder b = NetworkInfo.newBuilder().setPeerId(node.peerId().toString())
        .addAllListenAddresses(node.listenAddresses().stream().map(a -> a + "/p2p/" + node.peerId()).toList())
        .setNetworkId(networkId).setConnectedPeers(connected)
        .setKnownPeers(node.peers(true).size()).setMdns(node.mdnsEnabled()).setMaxPeers(node.maxPeers())
        .setAgentVersion(agentVersion).setDhtMode(node.dhtMode()).setRoutingTableSize(node.routingTableSize());
    await(node.topics(), "reading the gossip topics").forEach(t -> b.addTopics(TopicInfo.newBuilder()
        .setTopic(t.topic()).setMeshPeers(t.meshPeers()).setTopicPeers(t.topicPeers())));
    return b.build();
  }

  public SendCommandResponse sendCommand(SendCommandRequest r) {
    if (r.getTarget().isBlank()) {
      throw NodeException.invalidField("target", "is required: the node id or peer id of the node to command");
    }
    CommandKind kind = switch (r.getType()) {
      case NETWORK_COMMAND_TYPE_DRAIN -> CommandKind.DRAIN;
      case NETWORK_COMMAND_TYPE_CORDON -> CommandKind.CORDON;
      case NETWORK_COMMAND_TYPE_UNCORDON -> CommandKind.UNCORDON;
      default -> throw NodeException.invalidField("type", "must be one of "
          + NetworkCommandType.NETWORK_COMMAND_TYPE_DRAIN + ", "
          + NetworkCommandType.NETWORK_COMMAND_TYPE_CORDON + ", " + NetworkCommandType.NETWORK_COMMAND_TYPE_UNCORDON);
    };
    String id = r.getCommandId().isEmpty() ? UUID.randomUUID().toString() : r.getCommandId();
    if (!COMMAND_ID.matcher(id).matches()) {
      throw NodeException.invalidField("command_id", "must be 1 to 128 of A-Z a-z 0-9 . _ : -");
    }
    Duration ttl = r.getTtlSeconds() == 0 ? DEFAULT_TTL
        : Duration.ofSeconds(Integer.toUnsignedLong(r.getTtlSeconds()));
    if (ttl.compareTo(CommandRules.MAX_VALIDITY) > 0) {
      throw NodeException.invalidField("ttl_seconds", "must be at most " + CommandRules.MAX_VALIDITY.toSeconds());
    }
    P2pNode.SentCommand sent = await(node().sendCommand(r.getTarget().trim(), kind, id, ttl,
        Duration.ofSeconds(Integer.toUnsignedLong(r.getDrainDeadlineSeconds()))), "publishing the command");
    if (sent.peers() == 0) {
      throw new NodeException(ErrorCode.UNAVAILABLE, "no peer took the command: this node is connected to none"
          + " subscribed to hanzo/commands/v1 (see 'hanzo-node network')");
    }
    return SendCommandResponse.newBuilder().setCommandId(sent.command().commandId())
        .setExpiresAtMs(sent.command().expiresAt().toEpochMilli()).setPeers(sent.peers()).build();
  }

  public FindProvidersResponse findProviders(FindProvidersRequest r) {
    int limit = r.getLimit() == 0 ? DEFAULT_PROVIDERS : (int) Math.min(Integer.toUnsignedLong(r.getLimit()), 1000);
    String capability = r.getCapability().trim();
    try {
      // Validated before touching the network, so a malformed request is INVALID_ARGUMENT on any node.
      CapabilityKeys.key(capability);
    } catch (IllegalArgumentException e) {
      throw NodeException.invalidField("capability", e.getMessage());
    }
    CompletableFuture<List<ProviderView>> found = node().findProviders(capability, limit);
    FindProvidersResponse.Builder b = FindProvidersResponse.newBuilder();
    // The lookup may gather more records than asked for before it stops: the answer honours the limit.
    await(found, "the DHT lookup").stream().limit(limit).forEach(p -> b.addProviders(ProviderInfo.newBuilder()
        .setPeerId(p.peerId()).addAllAddresses(p.addresses()).setNodeId(p.nodeId())));
    return b.build();
  }

  /** Called on the blocking executor (the RPCs are {@code @Blocking}), never on an event loop. */
  private static <T> T await(CompletableFuture<T> future, String what) {
    try {
      return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new NodeException(ErrorCode.DEADLINE_EXCEEDED, what + " took longer than " + WAIT.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NodeException(ErrorCode.UNAVAILABLE, what + " was interrupted");
    } catch (ExecutionException e) {
      throw new NodeException(ErrorCode.UNAVAILABLE, what + " failed: " + e.getCause().getMessage());
    }
  }

  /** The answer when it comes before {@code deadline}, else empty (the lookup goes on and fills the cache). */
  private Optional<PeerStake> within(CompletableFuture<PeerStake> lookup, long deadline) {
    try {
      return Optional.of(lookup.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
    } catch (TimeoutException | ExecutionException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static void stake(PeerInfo.Builder info, PeerStake s) {
    if (!s.answered()) {
      info.setStakeStale(true);
      return;
    }
    info.setStaked(s.stakedAs(info.getOperatorAddress())).setStakeWei(s.stakeWei().toString())
        .setBoundOperator(s.operator()).setStakeStale(s.stale());
  }

  private static PeerInfo peer(PeerView p) {
    PeerInfo.Builder b = PeerInfo.newBuilder().setPeerId(p.peerId()).addAllAddresses(p.addresses())
        .addAllProtocols(p.protocols()).setAgentVersion(p.agentVersion()).setConnected(p.connected())
        .setDirection(p.direction()).setRttMs(p.rtt().map(d -> d.toNanos() / 1e6).orElse(0.0))
        .setLastSeen(p.lastSeen().getEpochSecond());
    p.heartbeat().ifPresent(e -> {
      var a = e.announcement();
      b.setNodeId(a.nodeId()).setState(ai.hanzo.node.api.v1.NodeState.valueOf("NODE_STATE_" + a.state()))
          .setCapabilities(ai.hanzo.node.p2p.gossip.wire.ProtoGossipCodecs.capabilities(a.capabilities()))
          .setMetrics(ai.hanzo.node.p2p.gossip.wire.ProtoGossipCodecs.metrics(a.metrics()))
          .addAllApiEndpoints(a.apiEndpoints()).setLastHeartbeat(e.receivedAt().getEpochSecond())
          .setOperatorAddress(a.operatorAddress());
    });
    return b.build();
  }
}
