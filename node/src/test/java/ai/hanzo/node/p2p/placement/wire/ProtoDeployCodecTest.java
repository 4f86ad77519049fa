package ai.hanzo.node.p2p.placement.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.api.v1.ComposeSpec;
import ai.hanzo.node.api.v1.DeployRequest;
import ai.hanzo.node.api.v1.DeploymentStatus;
import ai.hanzo.node.api.v1.Placement;
import ai.hanzo.node.api.v1.ServiceSpec;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.p2p.gossip.MalformedPayloadException;
import ai.hanzo.node.p2p.placement.DeployAnswer;
import ai.hanzo.node.p2p.placement.DeployCall;
import ai.hanzo.node.p2p.placement.DeployLimits;
import ai.hanzo.testing.RandomCases;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Properties of the {@code /hanzo/deploy/1.0.0} codec over seeded random cases (the seed is printed on a failure):
 * every message survives encode/decode; arbitrary and mutated bytes decode to a message or a
 * MalformedPayloadException, nothing else; oversized, missing and forged fields are refused naming the field.
 */
class ProtoDeployCodecTest {
  private static final ProtoDeployCodec CODEC = new ProtoDeployCodec();

  @Test
  void callsRoundTrip() {
    RandomCases.forAll(500, gen -> {
      DeployCall call = call(gen);
      DeployCall back = CODEC.decodeCall(CODEC.encodeCall(call));
      assertThat(back.callerSubject()).isEqualTo(call.callerSubject());
      assertThat(back.callerOrg()).isEqualTo(call.callerOrg());
      if (call instanceof DeployCall.Manage m) {
        DeployCall.Manage mb = (DeployCall.Manage) back;
        assertThat(mb.kind()).isEqualTo(m.kind());
        assertThat(mb.deploymentId()).isEqualTo(m.deploymentId());
        assertThat(mb.request()).isEqualTo(m.request());
      } else if (call instanceof DeployCall.Deploy d) {
        assertThat(((DeployCall.Deploy) back).request()).isEqualTo(d.request());
        assertThat(((DeployCall.Deploy) back).leaseEpoch()).isEqualTo(d.leaseEpoch());
      } else {
        assertThat(back).isEqualTo(call);
      }
    });
  }

  @Test
  void answersRoundTrip() {
    RandomCases.forAll(500, gen -> {
      DeployAnswer accepted = new DeployAnswer.Accepted("node-" + gen.key(), "d" + gen.key(), gen.text(),
          gen.nextBoolean() ? List.of("127.0.0.1:" + gen.nextInt(65536)) : List.of());
      assertThat(CODEC.decodeAnswer(CODEC.encodeAnswer(accepted))).isEqualTo(accepted);
      DeployAnswer refused = new DeployAnswer.Refused(ErrorCode.values()[gen.nextInt(ErrorCode.values().length)],
          gen.text());
      assertThat(CODEC.decodeAnswer(CODEC.encodeAnswer(refused))).isEqualTo(refused);
      byte[] status = DeploymentStatus.newBuilder().setDeploymentId("d" + gen.key()).setStatus(gen.text())
          .setReplicas(gen.nextInt(100)).build().toByteArray();
      assertThat(((DeployAnswer.Status) CODEC.decodeAnswer(CODEC.encodeAnswer(new DeployAnswer.Status(status))))
          .status()).isEqualTo(status);
    });
  }

  @Test
  void anyBytesDecodeToAMessageOrAreMalformed() {
    RandomCases.forAll(2000, gen -> {
      byte[] input = gen.nextBoolean() ? gen.bytes(256) : mutate(gen, gen.nextBoolean()
          ? CODEC.encodeCall(call(gen)) : CODEC.encodeAnswer(new DeployAnswer.Accepted("n", "d", gen.text(),
              List.of())));
      decodesOrIsMalformed(input);
    });
  }

  @Test
  void oversizedMissingAndForgedFieldsAreNamed() {
    assertThatThrownBy(() -> CODEC.decodeCall(CODEC.encodeCall(new DeployCall.Status("", "", ""))))
        .isInstanceOf(MalformedPayloadException.class).hasMessage("status_of is missing");
    assertThatThrownBy(() -> CODEC.decodeCall(CODEC.encodeCall(new DeployCall.Status(
        "d".repeat(DeployLimits.MAX_SHORT + 1), "", "")))).isInstanceOf(MalformedPayloadException.class)
        .hasMessageContaining("status_of is longer than");
    assertThatThrownBy(() -> CODEC.decodeCall(new byte[0])).isInstanceOf(MalformedPayloadException.class)
        .hasMessageContaining("none of deploy_request, status_of, release");
    // Stop, remove and scale carry the API's request with a deployment id.
    assertThatThrownBy(() -> CODEC.decodeCall(CODEC.encodeCall(new DeployCall.Manage(DeployCall.Manage.Kind.REMOVE,
        "", new byte[0], "", "")))).isInstanceOf(MalformedPayloadException.class)
        .hasMessage("remove_request.deployment_id is missing");
    assertThatThrownBy(() -> CODEC.decodeCall(CODEC.encodeCall(new DeployCall.Manage(DeployCall.Manage.Kind.STOP,
        "x", new byte[] {(byte) 0xff}, "", "")))).isInstanceOf(MalformedPayloadException.class)
        .hasMessageContaining("stop_request is not a StopRequest");
    byte[] response = ai.hanzo.node.api.v1.StopResponse.newBuilder().setSuccess(true).build().toByteArray();
    assertThat(((DeployAnswer.Managed) CODEC.decodeAnswer(CODEC.encodeAnswer(new DeployAnswer.Managed(response))))
        .response()).isEqualTo(response);
    // A release names a deployment and a lease epoch of 1 or more.
    assertThatThrownBy(() -> CODEC.decodeCall(CODEC.encodeCall(new DeployCall.Release("", 1, "", "", ""))))
        .isInstanceOf(MalformedPayloadException.class).hasMessage("release.deployment_id is missing");
    assertThatThrownBy(() -> CODEC.decodeCall(CODEC.encodeCall(new DeployCall.Release("web", 0, "", "", ""))))
        .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("release.epoch must be 1 or more");
    assertThatThrownBy(() -> CODEC.decodeCall(CODEC.encodeCall(new DeployCall.Release("web", -1, "", "", ""))))
        .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("release.epoch must be 1 or more");
    assertThatThrownBy(() -> CODEC.decodeCall(ai.hanzo.node.api.v1.DeployCall.newBuilder()
        .setDeployRequest(com.google.protobuf.ByteString.copyFrom(request("web").toByteArray()))
        .setLeaseEpoch(-5).build().toByteArray())).isInstanceOf(MalformedPayloadException.class)
        .hasMessageContaining("lease_epoch");
    // A deploy request that is not one, and one that asks to be placed again (a loop), are refused.
    assertThatThrownBy(() -> CODEC.decodeCall(CODEC.encodeCall(new DeployCall.Deploy(new byte[] {(byte) 0xff},
        "", "")))).isInstanceOf(MalformedPayloadException.class).hasMessageContaining("not a DeployRequest");
    byte[] placed = request("web").toBuilder().setPlacement(Placement.newBuilder().setAnywhere(true)).build()
        .toByteArray();
    assertThatThrownBy(() -> CODEC.decodeCall(CODEC.encodeCall(new DeployCall.Deploy(placed, "", ""))))
        .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("placement block");
    assertThatThrownBy(() -> CODEC.decodeAnswer(ai.hanzo.node.api.v1.DeployReply.newBuilder()
        .setRefused(ai.hanzo.node.api.v1.DeployRefused.newBuilder().setCode("TEAPOT")).build().toByteArray()))
        .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("not an error code");
    assertThatThrownBy(() -> CODEC.decodeAnswer(CODEC.encodeAnswer(new DeployAnswer.Accepted("", "d", "",
        List.of())))).isInstanceOf(MalformedPayloadException.class).hasMessage("accepted.node_id is missing");
    // A long message is clipped by the sender, so the answer still decodes.
    DeployAnswer.Refused longError = new DeployAnswer.Refused(ErrorCode.UNAVAILABLE, "e".repeat(10_000));
    assertThat(((DeployAnswer.Refused) CODEC.decodeAnswer(CODEC.encodeAnswer(longError))).message())
        .hasSize(DeployLimits.MAX_MESSAGE_TEXT);
  }

  static void decodesOrIsMalformed(byte[] input) {
    try {
      assertThat(CODEC.decodeCall(input)).isNotNull();
    } catch (MalformedPayloadException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
    try {
      assertThat(CODEC.decodeAnswer(input)).isNotNull();
    } catch (MalformedPayloadException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  private static DeployRequest request(String name) {
    return DeployRequest.newBuilder().setDeploymentId(name).setSpec(ComposeSpec.newBuilder()
        .putServices("web", ServiceSpec.newBuilder().setImage("busybox").addCommand("sleep").build())).build();
  }

  private static DeployCall call(RandomCases gen) {
    String subject = gen.nextBoolean() ? "apikey:" + gen.key() : "";
    String org = gen.nextBoolean() ? gen.key() : "";
    return switch (gen.nextInt(4)) {
      case 0 -> new DeployCall.Deploy(request("d" + gen.key()).toByteArray(), subject, org,
          gen.nextBoolean() ? 0 : 1 + gen.nextInt(Integer.MAX_VALUE));
      case 1 -> new DeployCall.Release("d" + gen.key(), 1 + gen.nextInt(1000), gen.text(), subject, org);
      case 2 -> new DeployCall.Manage(DeployCall.Manage.Kind.SCALE, "d1", ai.hanzo.node.api.v1.ScaleRequest
          .newBuilder().setDeploymentId("d1").setServiceName("web").setReplicas(gen.nextInt(9)).build()
          .toByteArray(), subject, org);
      default -> new DeployCall.Status("d" + gen.key(), subject, org);
    };
  }

  private static byte[] mutate(RandomCases gen, byte[] bytes) {
    byte[] copy = bytes.clone();
    for (int i = 0, n = 1 + gen.nextInt(4); i < n && copy.length > 0; i++) {
      copy[gen.nextInt(copy.length)] = (byte) gen.nextInt(256);
    }
    return copy;
  }
}
