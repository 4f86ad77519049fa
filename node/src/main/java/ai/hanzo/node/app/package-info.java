/**
 * The composition root: {@link ai.hanzo.node.app.NodeApp} builds every subsystem from its config record and hands
 * the services, in start order, to the lifecycle controller. It owns the wiring that crosses packages (runtime
 * selection, the compute engine and its health check, gossip commands under IAM, the ports file) and the offline
 * operations on a stopped node's data directory (keys, bindings, images). The only package besides the CLI that may
 * see every other.
 */
package ai.hanzo.node.app;
