/**
 * The runtime over the Docker Engine API (Docker, or Podman's compatible service) on a Unix socket or TCP: create,
 * start, stop, logs, exec and stats through the engine, limited to the containers carrying this node's owner label.
 */
package ai.hanzo.node.runtime.docker;
