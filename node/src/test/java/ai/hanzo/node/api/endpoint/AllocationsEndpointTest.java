package ai.hanzo.node.api.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.api.v1.AllocateRequest;
import ai.hanzo.node.api.v1.AllocationResources;
import ai.hanzo.node.api.v1.GetAllocationRequest;
import ai.hanzo.node.api.v1.ListAllocationsRequest;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The request checks of Allocate, and a node without the network answering UNAVAILABLE rather than failing. */
class AllocationsEndpointTest {
  private static ErrorCode code(Runnable call) {
    try {
      call.run();
    } catch (NodeException e) {
      return e.code();
    }
    throw new AssertionError("no NodeException");
  }

  @Test
  void defaultsAndBounds() {
    AllocationsEndpoint.AllocationShape shape = AllocationsEndpoint.AllocationShape.of(AllocateRequest.newBuilder()
        .setResources(AllocationResources.newBuilder().setCpus("0.5").setMemory("512M").setGpus(2)
            .setGpuModel("A100")).build());
    assertThat(shape.count()).isEqualTo(1);
    assertThat(shape.ttl()).isEqualTo(Duration.ofMinutes(10));
    assertThat(shape.replicas()).isEqualTo(1);
    assertThat(shape.nanoCpus()).isEqualTo(500_000_000L);
    assertThat(shape.memoryBytes()).isEqualTo(512L << 20);
    assertThat(shape.demand(Map.of()).gpus().count()).isEqualTo(2);
    assertThat(shape.demand(Map.of()).gpus().model()).isEqualTo("A100");
    for (AllocateRequest bad : new AllocateRequest[] {
        AllocateRequest.newBuilder().setTtlSeconds(9).build(),
        AllocateRequest.newBuilder().setTtlSeconds(86_401).build(),
        AllocateRequest.newBuilder().setCount(65).build(),
        AllocateRequest.newBuilder().setResources(AllocationResources.newBuilder().setGpus(65)).build(),
        AllocateRequest.newBuilder().setResources(AllocationResources.newBuilder().setMemory("lots")).build(),
        AllocateRequest.newBuilder().putConstraints("bad key", "x").build()}) {
      assertThatThrownBy(() -> AllocationsEndpoint.AllocationShape.of(bad)).as(bad.toString())
          .isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }
  }

  @Test
  void aNodeWithoutTheNetworkSaysSo() {
    AllocationsEndpoint none = AllocationsEndpoint.none();
    assertThat(code(() -> none.list(ListAllocationsRequest.getDefaultInstance()))).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(code(() -> none.get(GetAllocationRequest.newBuilder().setId("alloc-1").build())))
        .isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(code(() -> none.allocate(AllocateRequest.getDefaultInstance()))).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(code(() -> none.allocate(AllocateRequest.newBuilder().setPool("nope").build())))
        .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(none.sweep()).isEmpty();
  }
}
