package ai.hanzo.node.app;

import ai.hanzo.node.api.endpoint.ComputeEndpoint;
import ai.hanzo.node.api.v1.DeployRequest;
import ai.hanzo.node.api.v1.DeployResponse;
import ai.hanzo.node.api.v1.RemoveRequest;
import ai.hanzo.node.api.v1.ScaleRequest;
import ai.hanzo.node.api.v1.StopRequest;
import ai.hanzo.node.compute.CapacityHold;
import ai.hanzo.node.compute.CapacityHolding;
import ai.hanzo.node.compute.HoldRequest;
import ai.hanzo.node.compute.Tenant;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.iam.Iam;
import ai.hanzo.node.iam.Permission;
import ai.hanzo.node.iam.Principal;
import ai.hanzo.node.p2p.placement.DeployAnswer;
import ai.hanzo.node.p2p.placement.DeployCall;
import ai.hanzo.node.p2p.placement.DeployService;
import ai.hanzo.node.p2p.placement.LeaseRules;
import ai.hanzo.node.storage.AuditEntry;
import ai.hanzo.node.storage.AuditLog;
import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deployments other nodes place here ({@code /hanzo/deploy/1.0.0}), deployed by this node's own compute engine
 * (never placed further, so placements cannot loop) and owned by the original caller's org. With IAM on, the
 * sending peer is the principal {@code peer:<PeerId>} with the roles bound to that subject and needs
 * {@code deployment:create} to deploy and {@code deployment:read} for a status, like a local caller of those RPCs;
 * every call is audited as {@code p2p:deploy} with the deployment as resource and the original caller's subject and
 * org as details. With IAM off this node takes every peer's placements, as it takes every local caller's.
 */
final class NetworkDeployService implements DeployService {
  static final String ACTION = "p2p:deploy";
  /** Audit actions of holds, the same on the node that made the allocation and on each node holding it. */
  static final String ALLOCATION_CREATE = "allocation.create";
  static final String ALLOCATION_RELEASE = "allocation.release";
  private static final Logger log = LoggerFactory.getLogger(NetworkDeployService.class);
  private static final Permission CREATE = Permission.of("deployment", "create");
  private static final Permission READ = Permission.of("deployment", "read");
  private static final Permission DELETE = Permission.of("deployment", "delete");
  private static final Permission UPDATE = Permission.of("deployment", "update");

  private final String nodeId;
  private final ComputeEndpoint compute;
  private final Iam iam;
  private final AuditLog audit;
  private final Clock clock;
  private final HeldLeases leases;
  private final CapacityHolding holds;

  /** @param iam null when IAM is disabled */
  NetworkDeployService(String nodeId, ComputeEndpoint compute, Iam iam, AuditLog audit, Clock clock,
      HeldLeases leases, CapacityHolding holds) {
    this.holds = holds;
    this.nodeId = nodeId;
    this.leases = leases;
    this.compute = compute;
    this.iam = iam;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public DeployAnswer handle(String peerId, DeployCall call) {
    // The placing node's caller acts here for its org only, never as one who sees every org.
    Tenant tenant = Tenant.of(call.callerOrg().isEmpty() ? null : call.callerOrg());
    if (call instanceof DeployCall.Status s) {
      String denied = denied(peerId, READ);
      if (denied != null) {
        return refuse(peerId, call, s.deploymentId(), ErrorCode.PERMISSION_DENIED, denied);
      }
      return compute.deploymentAs(tenant, s.deploymentId())
          .<DeployAnswer>map(status -> new DeployAnswer.Status(status.toByteArray()))
          .orElseGet(() -> new DeployAnswer.Refused(ErrorCode.NOT_FOUND, "deployment '" + s.deploymentId()
              + "' not found on node " + nodeId));
    }
    if (call instanceof DeployCall.Release r) {
      return release(peerId, r, tenant);
    }
    if (call instanceof DeployCall.Manage m) {
      return manage(peerId, m, tenant);
    }
    if (call instanceof DeployCall.Reserve r) {
      return reserve(peerId, r);
    }
    if (call instanceof DeployCall.Unreserve u) {
      return unreserve(peerId, u, tenant);
    }
    DeployRequest request;
    try {
      request = DeployRequest.parseFrom(((DeployCall.Deploy) call).request());
    } catch (InvalidProtocolBufferException e) {
      return refuse(peerId, call, "", ErrorCode.INVALID_ARGUMENT, "not a DeployRequest: " + e.getMessage());
    }
    String id = request.getDeploymentId();
    String denied = denied(peerId, CREATE);
    if (denied != null) {
      return refuse(peerId, call, id, ErrorCode.PERMISSION_DENIED, denied);
    }
    String allocation = ((DeployCall.Deploy) call).allocationId();
    DeployResponse response;
    try {
      response = allocation.isEmpty() ? compute.deployAs(tenant, request)
          : compute.deployIntoAs(tenant, request, allocation);
    } catch (NodeException e) {
      return refuse(peerId, call, id, e.code(), e.getMessage());
    }
    long epoch = ((DeployCall.Deploy) call).leaseEpoch();
    if (epoch > 0) {
      leases.hold(response.getDeploymentId(), peerId, epoch);
    }
    record(peerId, call, response.getDeploymentId(), "OK", "deployed" + (epoch > 0 ? " under lease " + epoch : "")
        + (allocation.isEmpty() ? "" : " into allocation " + allocation));
    log.info("Deployed {} placed here by peer {} for {}", response.getDeploymentId(), peerId,
        call.callerSubject().isEmpty() ? "(no caller)" : call.callerSubject());
    return new DeployAnswer.Accepted(nodeId, response.getDeploymentId(), response.getMessage(),
        response.getEndpointsList());
  }

  /**
   * Stops and removes the copy held under a lease the placing node took away: only the peer that placed it may, and
   * a release of an older epoch than the one held leaves a newer placement running.
   */
  private DeployAnswer release(String peerId, DeployCall.Release r, Tenant tenant) {
    String id = r.deploymentId();
    String denied = denied(peerId, DELETE);
    if (denied != null) {
      return refuse(peerId, r, id, ErrorCode.PERMISSION_DENIED, denied);
    }
    var held = leases.find(id);
    if (held.isEmpty()) {
      return refuse(peerId, r, id, ErrorCode.NOT_FOUND, "node " + nodeId + " holds no lease on deployment '" + id
          + "'");
    }
    if (!held.get().placerPeerId().equals(peerId)) {
      return refuse(peerId, r, id, ErrorCode.PERMISSION_DENIED, "peer " + peerId + " did not place deployment '"
          + id + "' on node " + nodeId);
    }
    if (!LeaseRules.releases(held.get().epoch(), r.epoch())) {
      return refuse(peerId, r, id, ErrorCode.FAILED_PRECONDITION, "node " + nodeId + " holds lease "
          + held.get().epoch() + " on deployment '" + id + "', newer than the released " + r.epoch());
    }
    try {
      compute.removeAs(tenant, RemoveRequest.newBuilder().setDeploymentId(id).build());
    } catch (NodeException e) {
      if (e.code() != ErrorCode.NOT_FOUND) {
        return refuse(peerId, r, id, e.code(), e.getMessage());
      }
    }
    leases.drop(id);
    record(peerId, r, id, "OK", "released lease " + r.epoch() + ": " + r.reason());
    log.info("Removed deployment {}: peer {} took lease {} away ({})", id, peerId, r.epoch(), r.reason());
    return new DeployAnswer.Accepted(nodeId, id, "removed: lease " + r.epoch() + " released", List.of());
  }

  /** Stop, remove or scale for the placing node's caller: the peer needs what a local caller of that RPC needs. */
  private DeployAnswer manage(String peerId, DeployCall.Manage m, Tenant tenant) {
    String id = m.deploymentId();
    String denied = denied(peerId, m.kind() == DeployCall.Manage.Kind.REMOVE ? DELETE : UPDATE);
    if (denied != null) {
      return refuse(peerId, m, id, ErrorCode.PERMISSION_DENIED, denied);
    }
    byte[] response;
    try {
      response = switch (m.kind()) {
        case STOP -> compute.stopAs(tenant, StopRequest.parseFrom(m.request())).toByteArray();
        case REMOVE -> compute.removeAs(tenant, RemoveRequest.parseFrom(m.request())).toByteArray();
        case SCALE -> compute.scaleAs(tenant, ScaleRequest.parseFrom(m.request())).toByteArray();
      };
    } catch (InvalidProtocolBufferException e) {
      return refuse(peerId, m, id, ErrorCode.INVALID_ARGUMENT, "unreadable request: " + e.getMessage());
    } catch (NodeException e) {
      return refuse(peerId, m, id, e.code(), e.getMessage());
    }
    if (m.kind() == DeployCall.Manage.Kind.REMOVE) {
      leases.drop(id);
    }
    record(peerId, m, id, "OK", m.kind().name().toLowerCase(java.util.Locale.ROOT));
    return new DeployAnswer.Managed(response);
  }

  /**
   * Holds capacity for an allocation the sending peer makes: it needs what placing a deployment needs
   * ({@code deployment:create}), a reservation being the first half of one. Audited as {@code allocation.create}.
   */
  private DeployAnswer reserve(String peerId, DeployCall.Reserve r) {
    String denied = denied(peerId, CREATE);
    if (denied != null) {
      return refuse(peerId, r, r.allocationId(), ErrorCode.PERMISSION_DENIED, denied, ALLOCATION_CREATE);
    }
    CapacityHold h;
    try {
      h = holds.hold(new HoldRequest(r.allocationId(), r.callerOrg(), peerId, r.nanoCpus(), r.memoryBytes(),
          r.replicas(), r.gpus(), clock.instant().plus(r.ttl())));
    } catch (NodeException e) {
      return refuse(peerId, r, r.allocationId(), e.code(), e.getMessage(), ALLOCATION_CREATE);
    }
    record(peerId, r, r.allocationId(), "OK", "held until " + h.expiresAt() + (h.gpus().isEmpty() ? ""
        : " with GPUs " + h.gpus()), ALLOCATION_CREATE);
    log.info("Holding allocation {} for peer {} until {}", h.id(), peerId, h.expiresAt());
    return new DeployAnswer.Held(nodeId, h.id(), h.gpus(), h.expiresAt());
  }

  /** Gives a hold back: only the peer that made it, for a caller of the hold's org. */
  private DeployAnswer unreserve(String peerId, DeployCall.Unreserve u, Tenant tenant) {
    String denied = denied(peerId, CREATE);
    if (denied != null) {
      return refuse(peerId, u, u.allocationId(), ErrorCode.PERMISSION_DENIED, denied, ALLOCATION_RELEASE);
    }
    try {
      holds.releaseHold(tenant, u.allocationId(), peerId);
    } catch (NodeException e) {
      return refuse(peerId, u, u.allocationId(), e.code(), e.getMessage(), ALLOCATION_RELEASE);
    }
    record(peerId, u, u.allocationId(), "OK", "released", ALLOCATION_RELEASE);
    return new DeployAnswer.Accepted(nodeId, u.allocationId(), "allocation released", List.of());
  }

  /** Why the peer may not do this, or null when it may. */
  private String denied(String peerId, Permission needed) {
    if (iam == null) {
      return null;
    }
    Principal peer = IamCommandAuthority.peerPrincipal(iam, peerId);
    return iam.authorizer().allows(peer, needed) ? null : "peer " + peerId + " may not place deployments on node "
        + nodeId + ": " + peer.subject() + " lacks " + needed + " (roles " + peer.roles() + ")";
  }

  private DeployAnswer refuse(String peerId, DeployCall call, String deploymentId, ErrorCode code, String why) {
    return refuse(peerId, call, deploymentId, code, why, ACTION);
  }

  private DeployAnswer refuse(String peerId, DeployCall call, String resource, ErrorCode code, String why,
      String action) {
    record(peerId, call, resource, code == ErrorCode.PERMISSION_DENIED ? "DENIED" : "FAILED",
        code + ": " + why, action);
    return new DeployAnswer.Refused(code, why);
  }

  private void record(String peerId, DeployCall call, String deploymentId, String outcome, String detail) {
    record(peerId, call, deploymentId, outcome, detail, ACTION);
  }

  private void record(String peerId, DeployCall call, String resource, String outcome, String detail,
      String action) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("caller", call.callerSubject());
    details.put("caller_org", call.callerOrg());
    details.put("call", call instanceof DeployCall.Status ? "status"
        : call instanceof DeployCall.Release ? "release"
        : call instanceof DeployCall.Reserve ? "reserve"
        : call instanceof DeployCall.Unreserve ? "unreserve"
        : call instanceof DeployCall.Manage m ? m.kind().name().toLowerCase(java.util.Locale.ROOT) : "deploy");
    details.put("detail", detail.length() > 512 ? detail.substring(0, 512) : detail);
    audit.append(new AuditEntry(clock.instant(), IamCommandAuthority.subject(peerId), action, resource, outcome,
        null, details));
  }
}
