package ai.hanzo.node.p2p.gpu;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Runs a probe command such as {@code nvidia-smi}; a missing, failing or hanging command gives empty. */
@FunctionalInterface
public interface CommandOutput {
  Optional<String> run(List<String> command, Duration timeout);
}
