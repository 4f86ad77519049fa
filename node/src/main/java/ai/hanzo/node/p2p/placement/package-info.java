/**
 * Deployments across the network: which node runs a deployment and the libp2p protocol {@code /hanzo/deploy/1.0.0}
 * that sends it there. {@link ai.hanzo.node.p2p.placement.PlacementRanking} judges every candidate node (from the
 * heartbeats heard and this node's own state) against a deployment's {@link ai.hanzo.node.p2p.placement.Demand}
 * and orders the ones that fit by binpack or spread, naming why each other one was refused; it is pure.
 * {@link ai.hanzo.node.p2p.placement.DeployServer} serves the protocol (one call per stream, bounded per peer,
 * handed to the node's {@link ai.hanzo.node.p2p.placement.DeployService}, which authorizes the sending peer);
 * {@link ai.hanzo.node.p2p.placement.DeployClient} calls it. Messages are handed in as a codec
 * ({@code p2p.placement.wire}), and the deploy request and status travel as the API's serialized messages, so this
 * package never sees wire types. {@link ai.hanzo.node.p2p.placement.LeaseRules} is the rule of leases: the placing
 * node takes a lease away when the target was silent past the lease timeout and places the deployment again; a
 * target stops its copy only when the placing peer of record releases that lease epoch (or a newer one), never on
 * its own, so a healed partition leaves one copy and a dead placing node never makes targets kill healthy work.
 * {@link ai.hanzo.node.p2p.placement.DeployLogsServer} and {@link ai.hanzo.node.p2p.placement.DeployLogsClient}
 * stream a placed deployment's logs back over {@code /hanzo/deploy-logs/1.0.0}, flow-controlled end to end
 * ({@link ai.hanzo.node.p2p.placement.LogsSink}): the client reads only as fast as its caller takes entries, and the
 * server resets a stream that stays unwritable past its stall time, which closes the producer.
 * {@link ai.hanzo.node.p2p.placement.DeployExecServer} and {@link ai.hanzo.node.p2p.placement.DeployExecClient} run
 * an exec session in a placed deployment's container over {@code /hanzo/deploy-exec/1.0.0}: stdin one way, output
 * the other, for the session's life, handed to the node's {@link ai.hanzo.node.p2p.placement.ExecService}.
 */
package ai.hanzo.node.p2p.placement;
