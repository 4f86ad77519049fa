package ai.hanzo.node.compute;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.runtime.ContainerRuntime;
import ai.hanzo.node.error.NodeException;

/**
 * Whether this node's runtime can run the images a deployment names, checked at Deploy: a service the runtime can
 * never start would otherwise be accepted and stay pending forever. The process runtime runs host commands and
 * takes only the pseudo-image {@code process}; runc and Docker-API engines run OCI images and not {@code process}.
 */
final class RuntimeImages {
  /** The image name that means "run the command as a host process" (the process runtime also accepts ""). */
  static final String PROCESS_IMAGE = "process";

  private RuntimeImages() {}

  /** @throws NodeException FAILED_PRECONDITION naming the first service, the node's runtime and what to do */
  static void check(ContainerRuntime runtime, DeploymentRequest request) {
    request.project().services().forEach((name, service) -> {
      String image = service.image();
      boolean processImage = image.isEmpty() || image.equals(PROCESS_IMAGE);
      String field = "spec.services." + name + ".image";
      if (runtime.runsHostProcesses() && !processImage) {
        throw new NodeException(ErrorCode.FAILED_PRECONDITION, field + ": '" + image + "' is a container image,"
            + " but this node runs host processes (runtime 'process': neither runc nor a Docker/Podman engine was"
            + " found); install runc or Podman and restart the node (--runtime auto picks it up), or use"
            + " 'image: process' to run the service's command on the host");
      }
      if (!runtime.runsHostProcesses() && processImage) {
        throw new NodeException(ErrorCode.FAILED_PRECONDITION, field + ": 'process' runs the command as a host"
            + " process, which only the process runtime does; this node runs '" + runtime.name() + "' (start it with"
            + " --runtime process) or name a container image");
      }
    });
  }
}
