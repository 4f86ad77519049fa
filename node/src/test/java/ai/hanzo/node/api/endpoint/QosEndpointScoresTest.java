package ai.hanzo.node.api.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.hanzo.node.api.v1.ListProviderScoresRequest;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import java.time.Clock;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ListProviderScores refuses what it cannot answer in one bounded read, naming the field, before any lookup. */
class QosEndpointScoresTest {
  private final QosEndpoint qos = new QosEndpoint(Optional.empty(), Clock.systemUTC());

  private NodeException refusal(ListProviderScoresRequest request) {
    return catchThrowableOfType(NodeException.class, () -> qos.scores(request));
  }

  @Test
  void noProvidersIsRefused() {
    NodeException e = refusal(ListProviderScoresRequest.getDefaultInstance());
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(e.details()).containsEntry("field", "providers");
    assertThat(e.getMessage()).contains("1 to 64");
  }

  @Test
  void moreThanSixtyFourProvidersAreRefused() {
    NodeException e = refusal(ListProviderScoresRequest.newBuilder()
        .addAllProviders(Collections.nCopies(65, "node-a")).build());
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(e.getMessage()).contains("at most 64", "not 65");
  }

  @Test
  void aBlankOrOverlongNameIsRefusedByItsIndex() {
    NodeException blank = refusal(ListProviderScoresRequest.newBuilder().addProviders("node-a").addProviders(" ")
        .build());
    assertThat(blank.details()).containsEntry("field", "providers[1]");
    NodeException overlong = refusal(ListProviderScoresRequest.newBuilder().addProviders("x".repeat(129)).build());
    assertThat(overlong.details()).containsEntry("field", "providers[0]");
    assertThat(overlong.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  void aNodeWithoutLibp2pSaysSo() {
    NodeException e = refusal(ListProviderScoresRequest.newBuilder().addProviders("node-a").build());
    assertThat(e.code()).isEqualTo(ErrorCode.UNIMPLEMENTED);
  }
}
