package ai.hanzo.node.api.endpoint;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.api.v1.ChangeStakeRequest;
import ai.hanzo.node.api.v1.GetOperatorStatusRequest;
import ai.hanzo.node.api.v1.RegisterOperatorRequest;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A node without a registry answers every operator call FAILED_PRECONDITION saying which flags it lacks. */
class OperatorsEndpointTest {
  private final OperatorsEndpoint endpoint = new OperatorsEndpoint(Optional.empty());

  @Test
  void withoutARegistryEveryCallSaysWhichFlagsAreMissing() {
    for (Runnable call : new Runnable[] {
        () -> endpoint.register(RegisterOperatorRequest.newBuilder().setStakeWei("1").build()),
        () -> endpoint.status(GetOperatorStatusRequest.newBuilder().setOperator("0x" + "1".repeat(40)).build()),
        () -> endpoint.changeStake(ChangeStakeRequest.newBuilder().setAction("increase").setAmount("1").build())}) {
      assertThatThrownBy(call::run).isInstanceOfSatisfying(NodeException.class,
          e -> org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION))
          .hasMessageContaining("--registry-contract");
    }
  }
}
