package ai.hanzo.node.p2p.placement.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.api.v1.DeployLogsCall;
import ai.hanzo.node.api.v1.DeployLogsFrame;
import ai.hanzo.node.api.v1.DeployRefused;
import ai.hanzo.node.api.v1.GetLogsRequest;
import ai.hanzo.node.api.v1.LogEntry;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.p2p.gossip.MalformedPayloadException;
import ai.hanzo.node.p2p.placement.LogsCall;
import ai.hanzo.node.p2p.placement.LogsFrame;
import ai.hanzo.testing.RandomCases;
import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

/**
 * The {@code /hanzo/deploy-logs/1.0.0} codec: calls and frames survive encode/decode; a forged or malformed call
 * (no deployment id, not a GetLogsRequest, oversized caller fields) and a frame that is not what it claims are
 * refused naming the field; random bytes give a message or a MalformedPayloadException, nothing else.
 */
class ProtoLogsCodecTest {
  private static final ProtoLogsCodec CODEC = new ProtoLogsCodec();

  @Test
  void callsAndFramesRoundTrip() {
    byte[] request = GetLogsRequest.newBuilder().setDeploymentId("gold").setFollow(true).setTail(10).build()
        .toByteArray();
    LogsCall back = CODEC.decodeCall(CODEC.encodeCall(new LogsCall(request, "apikey:x", "acme")));
    assertThat(back.request()).isEqualTo(request);
    assertThat(back.callerSubject()).isEqualTo("apikey:x");
    assertThat(back.callerOrg()).isEqualTo("acme");
    byte[] entry = LogEntry.newBuilder().setService("web").setMessage("placed").build().toByteArray();
    assertThat(((LogsFrame.Entry) CODEC.decodeFrame(CODEC.encodeFrame(new LogsFrame.Entry(entry)))).entry())
        .isEqualTo(entry);
    LogsFrame refused = CODEC.decodeFrame(CODEC.encodeFrame(new LogsFrame.Refused(ErrorCode.PERMISSION_DENIED,
        "x".repeat(10_000))));
    assertThat(refused).isInstanceOfSatisfying(LogsFrame.Refused.class, r -> {
      assertThat(r.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
      assertThat(r.message()).hasSize(2048);
    });
  }

  @Test
  void forgedAndMalformedMessagesAreRefusedNamingTheField() {
    assertThatThrownBy(() -> CODEC.decodeCall(DeployLogsCall.newBuilder()
        .setGetLogsRequest(GetLogsRequest.newBuilder().setTail(5).build().toByteString()).build().toByteArray()))
        .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("deployment_id is missing");
    assertThatThrownBy(() -> CODEC.decodeCall(DeployLogsCall.newBuilder()
        .setGetLogsRequest(ByteString.copyFrom(new byte[] {(byte) 0xff, 0x01})).build().toByteArray()))
        .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("GetLogsRequest");
    assertThatThrownBy(() -> CODEC.decodeCall(DeployLogsCall.newBuilder()
        .setGetLogsRequest(GetLogsRequest.newBuilder().setDeploymentId("gold").build().toByteString())
        .setCallerOrg("o".repeat(257)).build().toByteArray()))
        .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("caller_org is longer than 256");
    assertThatThrownBy(() -> CODEC.decodeFrame(DeployLogsFrame.newBuilder()
        .setRefused(DeployRefused.newBuilder().setCode("NOT_A_CODE")).build().toByteArray()))
        .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("refused.code 'NOT_A_CODE'");
    assertThatThrownBy(() -> CODEC.decodeFrame(DeployLogsFrame.newBuilder()
        .setEntry(ByteString.copyFrom(new byte[] {(byte) 0xff, 0x01})).build().toByteArray()))
        .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("entry is not a LogEntry");
    assertThatThrownBy(() -> CODEC.decodeFrame(new byte[0]))
        .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("neither entry nor refused");
  }

  @Test
  void randomBytesDecodeOrAreRefusedAsMalformed() {
    RandomCases.forAll(2000, gen -> {
      byte[] bytes = gen.bytes(64);
      try {
        CODEC.decodeCall(bytes);
      } catch (MalformedPayloadException expected) {
        // refused with a reason: the only other outcome allowed
      }
      try {
        CODEC.decodeFrame(bytes);
      } catch (MalformedPayloadException expected) {
        // as above
      }
    });
  }
}
