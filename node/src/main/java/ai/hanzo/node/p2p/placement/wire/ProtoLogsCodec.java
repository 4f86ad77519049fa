package ai.hanzo.node.p2p.placement.wire;

import ai.hanzo.node.api.v1.DeployLogsCall;
import ai.hanzo.node.api.v1.DeployLogsFrame;
import ai.hanzo.node.api.v1.GetLogsRequest;
import ai.hanzo.node.api.v1.LogEntry;
import ai.hanzo.node.p2p.gossip.MalformedPayloadException;
import ai.hanzo.node.p2p.placement.DeployLimits;
import ai.hanzo.node.p2p.placement.LogsCall;
import ai.hanzo.node.p2p.placement.LogsCodec;
import ai.hanzo.node.p2p.placement.LogsFrame;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

/**
 * {@code /hanzo/deploy-logs/1.0.0} messages as {@code placement.proto}, protobuf binary. The decoders check that the
 * request and every entry are the API messages they claim to be, the request names a deployment, and every text's
 * size; the encoders clip a refusal's message so a long error never makes the frame unreadable.
 */
public final class ProtoLogsCodec implements LogsCodec {
  @Override
  public byte[] encodeCall(LogsCall call) {
    return DeployLogsCall.newBuilder().setGetLogsRequest(ByteString.copyFrom(call.request()))
        .setCallerSubject(Refusals.clip(call.callerSubject(), DeployLimits.MAX_SHORT))
        .setCallerOrg(Refusals.clip(call.callerOrg(), DeployLimits.MAX_SHORT)).build().toByteArray();
  }

  @Override
  public LogsCall decodeCall(byte[] bytes) {
    DeployLogsCall m;
    GetLogsRequest request;
    try {
      m = DeployLogsCall.parseFrom(bytes);
      request = GetLogsRequest.parseFrom(m.getGetLogsRequest());
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedPayloadException("not a DeployLogsCall with a GetLogsRequest: " + e.getMessage(), e);
    }
    if (request.getDeploymentId().isEmpty()) {
      throw new MalformedPayloadException("get_logs_request.deployment_id is missing");
    }
    text("get_logs_request.deployment_id", request.getDeploymentId());
    return new LogsCall(m.getGetLogsRequest().toByteArray(), text("caller_subject", m.getCallerSubject()),
        text("caller_org", m.getCallerOrg()));
  }

  @Override
  public byte[] encodeFrame(LogsFrame frame) {
    DeployLogsFrame.Builder b = DeployLogsFrame.newBuilder();
    if (frame instanceof LogsFrame.Entry e) {
      b.setEntry(ByteString.copyFrom(e.entry()));
    } else {
      LogsFrame.Refused r = (LogsFrame.Refused) frame;
      b.setRefused(Refusals.encode(r.code(), r.message()));
    }
    return b.build().toByteArray();
  }

  @Override
  public LogsFrame decodeFrame(byte[] bytes) {
    DeployLogsFrame m;
    try {
      m = DeployLogsFrame.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedPayloadException("not a DeployLogsFrame: " + e.getMessage(), e);
    }
    return switch (m.getKindCase()) {
      case ENTRY -> {
        try {
          LogEntry.parseFrom(m.getEntry());
        } catch (InvalidProtocolBufferException e) {
          throw new MalformedPayloadException("entry is not a LogEntry: " + e.getMessage(), e);
        }
        yield new LogsFrame.Entry(m.getEntry().toByteArray());
      }
      case REFUSED -> new LogsFrame.Refused(Refusals.code(m.getRefused()), Refusals.message(m.getRefused()));
      case KIND_NOT_SET -> throw new MalformedPayloadException("the frame is neither entry nor refused");
    };
  }

  private static String text(String name, String value) {
    if (value.length() > DeployLimits.MAX_SHORT) {
      throw new MalformedPayloadException(name + " is longer than " + DeployLimits.MAX_SHORT + " characters");
    }
    return value;
  }
}
