package ai.hanzo.node.p2p.protocol;

import ai.hanzo.libp2p.crypto.PrivateKey;
import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.libp2p.pubsub.Gossipsub;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * What a started node hands the protocols it serves: its host, its identity (the key signs what the node vouches
 * for), the gossip router, the node's one p2p scheduler (never block on it), its clock, and the models each peer
 * last announced in its heartbeat (empty for a peer not heard from).
 */
public record ProtocolContext(Host host, PrivateKey key, PeerId self, Gossipsub gossip,
    ScheduledExecutorService scheduler, Clock clock, Function<PeerId, List<String>> announcedModels) {}
