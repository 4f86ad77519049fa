/**
 * What the host runtimes ({@code process}, {@code runc}) share: one directory and a persisted record per container,
 * the shim that watches each container and outlives the node, pid identity by start time, exec sessions as child
 * processes, signals, and the check that volumes stay inside the data directory. The signal names, the container id
 * format, the volume check and the stop sequence ({@link ai.hanzo.node.runtime.host.StopSequence}) serve the docker
 * runtime too, so every runtime stops a container the same way.
 */
package ai.hanzo.node.runtime.host;
