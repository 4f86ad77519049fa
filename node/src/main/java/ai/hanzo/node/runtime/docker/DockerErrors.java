package ai.hanzo.node.runtime.docker;

import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.RuntimeErrorCode;
import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import java.util.function.Supplier;

/** Turns the engine's errors into runtime error codes, with the engine's own message kept. */
final class DockerErrors {
  private DockerErrors() {}

  static <T> T call(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (NotFoundException e) {
      throw new ContainerRuntimeException(RuntimeErrorCode.NOT_FOUND, what + ": " + message(e), e);
    } catch (ConflictException e) {
      throw new ContainerRuntimeException(RuntimeErrorCode.CONFLICT, what + ": " + message(e), e);
    } catch (BadRequestException e) {
      throw new ContainerRuntimeException(RuntimeErrorCode.INVALID_SPEC, what + ": " + message(e), e);
    } catch (DockerException e) {
      RuntimeErrorCode code = vanished(e) ? RuntimeErrorCode.NOT_FOUND : RuntimeErrorCode.IO;
      throw new ContainerRuntimeException(code, what + ": " + message(e), e);
    } catch (ContainerRuntimeException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ContainerRuntimeException(RuntimeErrorCode.UNAVAILABLE, what + ": the Docker API did not answer ("
          + e.getMessage() + ")", e);
    }
  }

  static void run(String what, Runnable call) {
    call(what, () -> {
      call.run();
      return null;
    });
  }

  /**
   * Podman answers 500, not 404, when a container is removed while it inspects it ("no such container" as the
   * cause): the container is gone all the same, and a list racing a removal must skip it rather than fail.
   */
  private static boolean vanished(DockerException e) {
    return e.getHttpStatus() == 500 && e.getMessage() != null
        && e.getMessage().contains("\"cause\":\"no such container\"");
  }

  private static String message(DockerException e) {
    String message = e.getMessage() == null ? "" : e.getMessage().strip();
    int json = message.indexOf("{\"");
    return json > 0 ? message.substring(json) : message;
  }
}
