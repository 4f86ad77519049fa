/**
 * GPU detection for the node's capabilities: NVIDIA through {@code nvidia-smi} or the driver's {@code /proc} files,
 * AMD through sysfs. A missing, failing or hanging probe means no GPU of that kind, never a failed start.
 */
package ai.hanzo.node.p2p.gpu;
