package ai.hanzo.node.api.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import com.linecorp.armeria.common.HttpStatus;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorMapperTest {
  @Test
  void everyCodeRoundTripsThroughGrpc() {
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(ErrorMapper.fromGrpc(ErrorMapper.grpcStatus(code).getCode())).isEqualTo(code);
    }
  }

  @Test
  void resourceExhaustedIsInsufficientStorageOverHttp() {
    assertThat(ErrorMapper.httpStatus(ErrorCode.RESOURCE_EXHAUSTED)).isEqualTo(HttpStatus.INSUFFICIENT_STORAGE);
    assertThat(ErrorMapper.httpStatus(ErrorCode.INVALID_ARGUMENT)).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(ErrorMapper.httpStatus(ErrorCode.NOT_FOUND)).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(ErrorMapper.httpStatus(ErrorCode.ALREADY_EXISTS)).isEqualTo(HttpStatus.CONFLICT);
  }

  @Test
  void aRequestNoNodeCanMeetIsUnprocessableOverHttpAnyOtherExhaustionInsufficientStorage() {
    assertThat(ErrorMapper.httpStatus(new NodeException(ErrorCode.RESOURCE_EXHAUSTED, "no node can run it",
        Map.of(ErrorMapper.UNSATISFIABLE, "true")))).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(ErrorMapper.httpStatus(new NodeException(ErrorCode.RESOURCE_EXHAUSTED, "this node is full")))
        .isEqualTo(HttpStatus.INSUFFICIENT_STORAGE);
    assertThat(ErrorMapper.httpStatus(new NodeException(ErrorCode.NOT_FOUND, "gone",
        Map.of(ErrorMapper.UNSATISFIABLE, "true")))).isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void theGrpcStatusCarriesTheStableCodeAndDetailsInTrailers() {
    StatusRuntimeException e = ErrorMapper.toStatus(NodeException.invalidField("capabilities.cpu_cores", "bad"));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(e.getStatus().getDescription()).isEqualTo("capabilities.cpu_cores: bad");
    assertThat(e.getTrailers().get(ErrorMapper.CODE_KEY)).isEqualTo("INVALID_ARGUMENT");
  }

  @Test
  void theHttpBodyIsCodeMessageDetails() {
    String body = ErrorMapper.jsonBody(new NodeException(ErrorCode.NOT_FOUND, "node \"x\"\n", Map.of("node", "x")));
    assertThat(body).isEqualTo(
        "{\"code\": \"NOT_FOUND\", \"message\": \"node \\\"x\\\"\\n\", \"details\": {\"node\": \"x\"}}");
  }

  @Test
  void unexpectedFailuresBecomeAGenericInternalError() {
    NodeException e = ErrorMapper.toNodeException(new NullPointerException("secret internals"));
    assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL);
    assertThat(e.getMessage()).doesNotContain("secret");
  }
}
