package ai.hanzo.node.p2p.placement.wire;

import ai.hanzo.node.api.v1.DeployAccepted;
import ai.hanzo.node.api.v1.DeployHeld;
import ai.hanzo.node.api.v1.DeployRefused;
import ai.hanzo.node.api.v1.DeployRelease;
import ai.hanzo.node.api.v1.DeployReply;
import ai.hanzo.node.api.v1.DeployRequest;
import ai.hanzo.node.api.v1.DeployReserve;
import ai.hanzo.node.api.v1.DeploymentStatus;
import ai.hanzo.node.api.v1.RemoveRequest;
import ai.hanzo.node.api.v1.ScaleRequest;
import ai.hanzo.node.api.v1.StopRequest;
import ai.hanzo.node.p2p.gossip.MalformedPayloadException;
import ai.hanzo.node.p2p.placement.DeployAnswer;
import ai.hanzo.node.p2p.placement.DeployCall;
import ai.hanzo.node.p2p.placement.DeployCodec;
import ai.hanzo.node.p2p.placement.DeployLimits;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * {@code /hanzo/deploy/1.0.0} messages as {@code placement.proto}, protobuf binary. The decoders check every field's
 * size, that a deploy request and a status are the API messages they claim to be, and name the field that is
 * missing or wrong; the encoders clip what the decoders would refuse (messages), so a long error never makes our own
 * answer unreadable.
 */
public final class ProtoDeployCodec implements DeployCodec {
  /** An allocation id as the placing node makes them; anything else is refused before it reaches the target. */
  private static final Pattern ALLOCATION_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  /** The longest hold a reserve may ask for: the API's largest ttl. */
  private static final Duration MAX_TTL = Duration.ofDays(1);
  private static final int MAX_GPUS = 64;

  @Override
  public byte[] encodeCall(DeployCall call) {
    ai.hanzo.node.api.v1.DeployCall.Builder b = ai.hanzo.node.api.v1.DeployCall.newBuilder()
        .setCallerSubject(Refusals.clip(call.callerSubject(), DeployLimits.MAX_SHORT))
        .setCallerOrg(Refusals.clip(call.callerOrg(), DeployLimits.MAX_SHORT));
    if (call instanceof DeployCall.Deploy d) {
      b.setDeployRequest(ByteString.copyFrom(d.request())).setLeaseEpoch(d.leaseEpoch())
          .setAllocationId(d.allocationId());
    } else if (call instanceof DeployCall.Reserve r) {
      b.setReserve(DeployReserve.newBuilder().setAllocationId(r.allocationId()).setNanoCpus(r.nanoCpus())
          .setMemoryBytes(r.memoryBytes()).setReplicas(r.replicas()).setGpus(r.gpus()).setTtlMs(r.ttl().toMillis()));
    } else if (call instanceof DeployCall.Unreserve u) {
      b.setUnreserve(u.allocationId());
    } else if (call instanceof DeployCall.Manage m) {
      ByteString request = ByteString.copyFrom(m.request());
      switch (m.kind()) {
        case STOP -> b.setStopRequest(request);
        case REMOVE -> b.setRemoveRequest(request);
        case SCALE -> b.setScaleRequest(request);
      }
    } else if (call instanceof DeployCall.Release r) {
      b.setRelease(DeployRelease.newBuilder().setDeploymentId(r.deploymentId()).setEpoch(r.epoch())
          .setReason(Refusals.clip(r.reason(), DeployLimits.MAX_MESSAGE_TEXT)));
    } else {
      b.setStatusOf(((DeployCall.Status) call).deploymentId());
    }
    return b.build().toByteArray();
  }

  @Override
  public DeployCall decodeCall(byte[] bytes) {
    ai.hanzo.node.api.v1.DeployCall m;
    try {
      m = ai.hanzo.node.api.v1.DeployCall.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedPayloadException("not a DeployCall message: " + e.getMessage(), e);
    }
    String subject = text("caller_subject", m.getCallerSubject(), DeployLimits.MAX_SHORT);
    String org = text("caller_org", m.getCallerOrg(), DeployLimits.MAX_SHORT);
    return switch (m.getKindCase()) {
      case DEPLOY_REQUEST -> {
        byte[] request = m.getDeployRequest().toByteArray();
        DeployRequest parsed;
        try {
          parsed = DeployRequest.parseFrom(request);
        } catch (InvalidProtocolBufferException e) {
          throw new MalformedPayloadException("deploy_request is not a DeployRequest: " + e.getMessage(), e);
        }
        if (parsed.hasPlacement()) {
          throw new MalformedPayloadException("deploy_request has a placement block: a placed deployment runs"
              + " where it was sent");
        }
        if (m.getLeaseEpoch() < 0) {
          throw new MalformedPayloadException("lease_epoch is above 2^63");
        }
        String allocation = m.getAllocationId();
        if (!allocation.isEmpty() && !ALLOCATION_ID.matcher(allocation).matches()) {
          throw new MalformedPayloadException("allocation_id is not 1 to 63 of a-z 0-9 -");
        }
        yield new DeployCall.Deploy(request, subject, org, m.getLeaseEpoch(), allocation);
      }
      case RESERVE -> reserve(m.getReserve(), subject, org);
      case UNRESERVE -> new DeployCall.Unreserve(allocationId("unreserve", m.getUnreserve()), subject, org);
      case RELEASE -> release(m.getRelease(), subject, org);
      case STOP_REQUEST -> manage(DeployCall.Manage.Kind.STOP, m.getStopRequest().toByteArray(), subject, org);
      case REMOVE_REQUEST -> manage(DeployCall.Manage.Kind.REMOVE, m.getRemoveRequest().toByteArray(), subject,
          org);
      case SCALE_REQUEST -> manage(DeployCall.Manage.Kind.SCALE, m.getScaleRequest().toByteArray(), subject, org);
      case STATUS_OF -> new DeployCall.Status(required("status_of", m.getStatusOf(), DeployLimits.MAX_SHORT),
          subject, org);
      case KIND_NOT_SET -> throw new MalformedPayloadException(
          "the call is none of deploy_request, status_of, release, stop_request, remove_request, scale_request,"
              + " reserve, unreserve");
    };
  }

  @Override
  public byte[] encodeAnswer(DeployAnswer answer) {
    DeployReply.Builder b = DeployReply.newBuilder();
    if (answer instanceof DeployAnswer.Accepted a) {
      b.setAccepted(DeployAccepted.newBuilder().setNodeId(a.nodeId()).setDeploymentId(a.deploymentId())
          .setMessage(Refusals.clip(a.message(), DeployLimits.MAX_MESSAGE_TEXT))
          .addAllEndpoints(a.endpoints().subList(0, Math.min(a.endpoints().size(), DeployLimits.MAX_ENDPOINTS))));
    } else if (answer instanceof DeployAnswer.Held h) {
      b.setHeld(DeployHeld.newBuilder().setNodeId(h.nodeId()).setAllocationId(h.allocationId())
          .addAllGpus(h.gpus()).setExpiresAtMs(h.expiresAt().toEpochMilli()));
    } else if (answer instanceof DeployAnswer.Managed m) {
      b.setResponse(ByteString.copyFrom(m.response()));
    } else if (answer instanceof DeployAnswer.Status s) {
      b.setDeploymentStatus(ByteString.copyFrom(s.status()));
    } else {
      DeployAnswer.Refused r = (DeployAnswer.Refused) answer;
      b.setRefused(Refusals.encode(r.code(), r.message()));
    }
    return b.build().toByteArray();
  }

  @Override
  public DeployAnswer decodeAnswer(byte[] bytes) {
    DeployReply m;
    try {
      m = DeployReply.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedPayloadException("not a DeployReply message: " + e.getMessage(), e);
    }
    return switch (m.getKindCase()) {
      case ACCEPTED -> accepted(m.getAccepted());
      case DEPLOYMENT_STATUS -> {
        byte[] status = m.getDeploymentStatus().toByteArray();
        try {
          DeploymentStatus.parseFrom(status);
        } catch (InvalidProtocolBufferException e) {
          throw new MalformedPayloadException("deployment_status is not a DeploymentStatus: " + e.getMessage(), e);
        }
        yield new DeployAnswer.Status(status);
      }
      case REFUSED -> refused(m.getRefused());
      case RESPONSE -> new DeployAnswer.Managed(m.getResponse().toByteArray());
      case HELD -> held(m.getHeld());
      case KIND_NOT_SET -> throw new MalformedPayloadException(
          "the answer is none of accepted, deployment_status, refused, response, held");
    };
  }

  /** The request must be the API message its field names, with a deployment id. */
  private static DeployCall.Manage manage(DeployCall.Manage.Kind kind, byte[] request, String subject, String org) {
    String field = kind.name().toLowerCase(java.util.Locale.ROOT) + "_request";
    String id;
    try {
      id = switch (kind) {
        case STOP -> StopRequest.parseFrom(request).getDeploymentId();
        case REMOVE -> RemoveRequest.parseFrom(request).getDeploymentId();
        case SCALE -> ScaleRequest.parseFrom(request).getDeploymentId();
      };
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedPayloadException(field + " is not a " + kind.name().charAt(0)
          + kind.name().substring(1).toLowerCase(java.util.Locale.ROOT) + "Request: " + e.getMessage(), e);
    }
    return new DeployCall.Manage(kind, required(field + ".deployment_id", id, DeployLimits.MAX_SHORT), request,
        subject, org);
  }

  private static DeployCall.Release release(DeployRelease r, String subject, String org) {
    if (r.getEpoch() < 1) {
      throw new MalformedPayloadException("release.epoch must be 1 or more (as unsigned, below 2^63)");
    }
    return new DeployCall.Release(required("release.deployment_id", r.getDeploymentId(), DeployLimits.MAX_SHORT),
        r.getEpoch(), text("release.reason", r.getReason(), DeployLimits.MAX_MESSAGE_TEXT), subject, org);
  }

  private static DeployCall.Reserve reserve(DeployReserve r, String subject, String org) {
    String id = allocationId("reserve.allocation_id", r.getAllocationId());
    if (r.getNanoCpus() < 0 || r.getMemoryBytes() < 0) {
      throw new MalformedPayloadException("reserve.nano_cpus and memory_bytes must be below 2^63");
    }
    if (r.getReplicas() < 1 || r.getReplicas() > 1024 || r.getGpus() < 0 || r.getGpus() > MAX_GPUS) {
      throw new MalformedPayloadException("reserve.replicas must be 1 to 1024 and gpus 0 to " + MAX_GPUS);
    }
    if (r.getTtlMs() < 1 || r.getTtlMs() > MAX_TTL.toMillis()) {
      throw new MalformedPayloadException("reserve.ttl_ms must be 1 to " + MAX_TTL.toMillis());
    }
    return new DeployCall.Reserve(id, r.getNanoCpus(), r.getMemoryBytes(), r.getReplicas(), r.getGpus(),
        Duration.ofMillis(r.getTtlMs()), subject, org);
  }

  private static DeployAnswer.Held held(DeployHeld h) {
    if (h.getGpusCount() > MAX_GPUS) {
      throw new MalformedPayloadException("held.gpus has more than " + MAX_GPUS + " entries");
    }
    h.getGpusList().forEach(g -> text("held.gpus", g, DeployLimits.MAX_SHORT));
    if (h.getExpiresAtMs() < 0) {
      throw new MalformedPayloadException("held.expires_at_ms is above 2^63");
    }
    return new DeployAnswer.Held(required("held.node_id", h.getNodeId(), DeployLimits.MAX_SHORT),
        allocationId("held.allocation_id", h.getAllocationId()), h.getGpusList(),
        Instant.ofEpochMilli(h.getExpiresAtMs()));
  }

  private static String allocationId(String name, String value) {
    if (!ALLOCATION_ID.matcher(value).matches()) {
      throw new MalformedPayloadException(name + " is not 1 to 63 of a-z 0-9 -, starting with a letter or digit");
    }
    return value;
  }

  private static DeployAnswer.Accepted accepted(DeployAccepted a) {
    if (a.getEndpointsCount() > DeployLimits.MAX_ENDPOINTS) {
      throw new MalformedPayloadException("accepted.endpoints has more than " + DeployLimits.MAX_ENDPOINTS
          + " entries");
    }
    a.getEndpointsList().forEach(e -> text("accepted.endpoints", e, DeployLimits.MAX_SHORT));
    return new DeployAnswer.Accepted(required("accepted.node_id", a.getNodeId(), DeployLimits.MAX_SHORT),
        required("accepted.deployment_id", a.getDeploymentId(), DeployLimits.MAX_SHORT),
        text("accepted.message", a.getMessage(), DeployLimits.MAX_MESSAGE_TEXT), a.getEndpointsList());
  }

  private static DeployAnswer.Refused refused(DeployRefused r) {
    return new DeployAnswer.Refused(Refusals.code(r), Refusals.message(r));
  }

  private static String required(String name, String value, int max) {
    if (value.isEmpty()) {
      throw new MalformedPayloadException(name + " is missing");
    }
    return text(name, value, max);
  }

  private static String text(String name, String value, int max) {
    if (value.length() > max) {
      throw new MalformedPayloadException(name + " is longer than " + max + " characters");
    }
    return value;
  }
}
