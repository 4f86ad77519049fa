/**
 * What the host runtimes ({@code process}, {@code runc}) share: one directory and a persisted record per container,
 * the shim that watches each container and outlives the node, pid identity by start time, exec sessions as child
 * processes, signals, and the check that volumes stay inside the data directory.
 */
package ai.hanzo.node.runtime.host;
