/**
 * The compute engine: the {@link ai.hanzo.node.compute.Orchestrator} keeps every deployment at its desired state on
 * one container runtime. It stores each change (synced) before a call returns, reconciles on a thread of its own,
 * runs health checks, restarts with backoff, rolls updates one replica at a time, admits by reservations, the
 * node-wide replica limit and process budget ({@link ai.hanzo.node.compute.ProcessBudget}), and
 * cordons or drains the node. It knows runtimes only through the {@code runtime} SPI and the API only through the
 * interfaces it offers.
 */
package ai.hanzo.node.compute;
