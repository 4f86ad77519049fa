/**
 * The composition root, in two phases: {@link ai.hanzo.node.app.NodeApp} opens the node's storage (lock, database,
 * identity check) and then builds every subsystem over it from its config record, handing the services, in start
 * order, to the lifecycle controller, which closes the storage last. It owns the wiring that crosses packages (runtime
 * selection, the compute engine and its health check, gossip commands and forwarded generations under IAM, the ports
 * file) and the offline
 * operations on a stopped node's data directory (keys, bindings, images). The only package besides the CLI that may
 * see every other.
 */
package ai.hanzo.node.app;
