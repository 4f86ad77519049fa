package ai.hanzo.libp2p.kad.routing;

import ai.hanzo.libp2p.peer.PeerId;
import java.util.concurrent.CompletableFuture;

/** Asks whether a peer still answers; completes false (never exceptionally) when it does not. */
@FunctionalInterface
public interface Liveness {
  CompletableFuture<Boolean> check(PeerId peer);
}
