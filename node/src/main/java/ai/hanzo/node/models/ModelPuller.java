package ai.hanzo.node.models;

import java.util.Optional;

/**
 * Fetches a model from where it is published into a {@link ModelStore}: a GGUF packaged as an OCI artifact in a
 * registry. Blocking (network and disk). Errors are {@code NodeException}s: a bad reference or a name taken is
 * INVALID_ARGUMENT / ALREADY_EXISTS, an artifact that holds no GGUF model FAILED_PRECONDITION, an unreachable
 * registry UNAVAILABLE.
 */
@FunctionalInterface
public interface ModelPuller {
  /** Pulls {@code reference} and stores it as {@code name}, or as the reference's last path element. */
  ModelRecord pull(String reference, Optional<String> name);
}
