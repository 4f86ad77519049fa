package ai.hanzo.node.runtime;

import java.nio.file.Path;

/** A host directory (which must lie inside the node's data dir) made visible at {@code containerPath}. */
public record VolumeMount(Path hostPath, String containerPath, boolean readOnly) {}
