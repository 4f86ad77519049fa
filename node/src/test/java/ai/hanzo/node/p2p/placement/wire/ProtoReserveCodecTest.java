package ai.hanzo.node.p2p.placement.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.api.v1.DeployReserve;
import ai.hanzo.node.p2p.gossip.MalformedPayloadException;
import ai.hanzo.node.p2p.placement.DeployAnswer;
import ai.hanzo.node.p2p.placement.DeployCall;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The allocation messages of /hanzo/deploy/1.0.0 round-trip, and forged ones are refused naming the field. */
class ProtoReserveCodecTest {
  private static final ProtoDeployCodec CODEC = new ProtoDeployCodec();

  @Test
  void reserveUnreserveHeldAndADeployIntoAnAllocationRoundTrip() {
    DeployCall.Reserve reserve = new DeployCall.Reserve("alloc-0123", 2_000_000_000L, 1L << 30, 2, 1,
        Duration.ofMinutes(10), "apikey:k", "acme");
    assertThat(CODEC.decodeCall(CODEC.encodeCall(reserve))).isEqualTo(reserve);
    DeployCall.Unreserve unreserve = new DeployCall.Unreserve("alloc-0123", "apikey:k", "acme");
    assertThat(CODEC.decodeCall(CODEC.encodeCall(unreserve))).isEqualTo(unreserve);
    DeployAnswer.Held held = new DeployAnswer.Held("node-b", "alloc-0123", List.of("0", "3"),
        Instant.ofEpochMilli(1_700_000_000_000L));
    assertThat(CODEC.decodeAnswer(CODEC.encodeAnswer(held))).isEqualTo(held);
    byte[] request = ai.hanzo.node.api.v1.DeployRequest.newBuilder().setDeploymentId("d").build().toByteArray();
    DeployCall.Deploy into = (DeployCall.Deploy) CODEC.decodeCall(CODEC.encodeCall(new DeployCall.Deploy(request,
        "s", "o", 0, "alloc-0123")));
    assertThat(into.allocationId()).isEqualTo("alloc-0123");
  }

  @Test
  void forgedReservesAreRefusedNamingTheField() {
    assertThatThrownBy(() -> CODEC.decodeCall(call(DeployReserve.newBuilder().setAllocationId("../x")
        .setReplicas(1).setTtlMs(1000)))).isInstanceOf(MalformedPayloadException.class)
        .hasMessageContaining("reserve.allocation_id");
    assertThatThrownBy(() -> CODEC.decodeCall(call(DeployReserve.newBuilder().setAllocationId("a")
        .setReplicas(1).setTtlMs(Duration.ofDays(2).toMillis())))).isInstanceOf(MalformedPayloadException.class)
        .hasMessageContaining("reserve.ttl_ms");
    assertThatThrownBy(() -> CODEC.decodeCall(call(DeployReserve.newBuilder().setAllocationId("a")
        .setReplicas(1).setGpus(-1).setTtlMs(1000)))).isInstanceOf(MalformedPayloadException.class)
        .hasMessageContaining("gpus");
    assertThatThrownBy(() -> CODEC.decodeCall(call(DeployReserve.newBuilder().setAllocationId("a")
        .setNanoCpus(-1).setReplicas(1).setTtlMs(1000)))).isInstanceOf(MalformedPayloadException.class)
        .hasMessageContaining("nano_cpus");
  }

  private static byte[] call(DeployReserve.Builder reserve) {
    return ai.hanzo.node.api.v1.DeployCall.newBuilder().setReserve(reserve).build().toByteArray();
  }
}
