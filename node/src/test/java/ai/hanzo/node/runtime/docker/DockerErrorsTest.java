package ai.hanzo.node.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.RuntimeErrorCode;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import org.junit.jupiter.api.Test;

class DockerErrorsTest {
  /** What Podman answered when a container was removed between the list and its inspect (seen in ComputeBench). */
  private static final String PODMAN_VANISHED = "Status 500: {\"cause\":\"no such container\",\"message\":\"container"
      + " 436cb5fe does not exist in database: no such container\",\"response\":500}";

  @Test
  void aContainerPodmanLostMidInspectIsNotFoundSoAListSkipsIt() {
    assertThatThrownBy(() -> DockerErrors.call("inspect x", () -> {
      throw new InternalServerErrorException(PODMAN_VANISHED);
    })).isInstanceOfSatisfying(ContainerRuntimeException.class,
        e -> assertThat(e.code()).isEqualTo(RuntimeErrorCode.NOT_FOUND));
  }

  @Test
  void anyOtherServerErrorStaysAnIoError() {
    assertThatThrownBy(() -> DockerErrors.call("inspect x", () -> {
      throw new InternalServerErrorException("Status 500: {\"cause\":\"disk full\",\"response\":500}");
    })).isInstanceOfSatisfying(ContainerRuntimeException.class,
        e -> assertThat(e.code()).isEqualTo(RuntimeErrorCode.IO));
  }

  @Test
  void aNotFoundIsNotFound() {
    assertThatThrownBy(() -> DockerErrors.call("inspect x", () -> {
      throw new NotFoundException("Status 404: no such container");
    })).isInstanceOfSatisfying(ContainerRuntimeException.class,
        e -> assertThat(e.code()).isEqualTo(RuntimeErrorCode.NOT_FOUND));
  }
}
