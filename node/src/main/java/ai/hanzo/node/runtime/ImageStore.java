package ai.hanzo.node.runtime;

import java.util.List;

/**
 * A runtime's own store of images, as the orchestrator sees it: list, pull and remove by name. Runtimes that run
 * images kept elsewhere (a Docker engine, the host) have none. Failures are {@link ContainerRuntimeException}s;
 * content that breaks its format is an {@link ImageContentException}.
 */
public interface ImageStore {
  /** Every stored image, names in familiar form ({@code busybox:latest}), in no particular order. */
  List<ImageSummary> listImages();

  /** Fetches {@code name} from its registry (again, if stored already) and answers what is stored now. */
  ImageSummary pullImage(String name);

  /** Removes the name; NOT_FOUND when no image has it. */
  void remove(String name);
}
