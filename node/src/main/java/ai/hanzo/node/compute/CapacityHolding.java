package ai.hanzo.node.compute;

import java.util.List;
import java.util.Optional;

/**
 * The holds this node keeps for allocations ({@link CapacityHold}), as the API and the deploy protocol's target use
 * them. Implemented by the {@link Orchestrator}, which decides holds and deployments under one lock.
 */
public interface CapacityHolding {
  /** See {@link Orchestrator#hold}. */
  CapacityHold hold(HoldRequest request);

  Optional<CapacityHold> findHold(Tenant tenant, String id);

  List<CapacityHold> listHolds(Tenant tenant);

  /** See {@link Orchestrator#releaseHold}. */
  CapacityHold releaseHold(Tenant tenant, String id, String placerPeerId);

  /** Removes the expired holds and answers them. */
  List<CapacityHold> expireHolds();
}
