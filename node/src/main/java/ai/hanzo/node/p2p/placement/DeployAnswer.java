package ai.hanzo.node.p2p.placement;

import ai.hanzo.node.error.ErrorCode;
import java.time.Instant;
import java.util.List;

/** The target's one answer on {@code /hanzo/deploy/1.0.0}. */
public sealed interface DeployAnswer {
  /** The target stored the deployment and starts it. */
  record Accepted(String nodeId, String deploymentId, String message, List<String> endpoints)
      implements DeployAnswer {
    public Accepted {
      endpoints = List.copyOf(endpoints);
    }
  }

  /** A serialized {@code hanzo.node.v1.DeploymentStatus}, the answer to {@link DeployCall.Status}. */
  record Status(byte[] status) implements DeployAnswer {
    public Status {
      status = status.clone();
    }

    @Override
    public byte[] status() {
      return status.clone();
    }
  }

  /** The serialized Stop-, Remove- or ScaleResponse, the answer to {@link DeployCall.Manage}. */
  record Managed(byte[] response) implements DeployAnswer {
    public Managed {
      response = response.clone();
    }

    @Override
    public byte[] response() {
      return response.clone();
    }
  }

  /** The target refused, with its error code (PERMISSION_DENIED, RESOURCE_EXHAUSTED, NOT_FOUND, ...). */
  record Refused(ErrorCode code, String message) implements DeployAnswer {}

  /** The answer to {@link DeployCall.Reserve}: the target holds it, with these GPUs, until {@code expiresAt}. */
  record Held(String nodeId, String allocationId, List<String> gpus, Instant expiresAt)
      implements DeployAnswer {
    public Held {
      gpus = List.copyOf(gpus);
    }
  }
}
