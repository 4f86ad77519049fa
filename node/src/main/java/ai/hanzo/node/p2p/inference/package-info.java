/**
 * Models across the network: the libp2p protocol {@code /hanzo/inference/1.0.0}, on which a node forwards a
 * generation request for a model it does not serve to a node that does, over the Noise-authenticated connection,
 * and streams the answer back. {@link ai.hanzo.node.p2p.inference.InferenceServer} serves it (the target: one
 * request per stream, bounded per peer, handed to the node's {@link ai.hanzo.node.p2p.inference.InferenceService},
 * which authorizes the sending peer); {@link ai.hanzo.node.p2p.inference.InferenceClient} calls it (resetting the
 * stream cancels the remote generation); {@link ai.hanzo.node.p2p.inference.ModelProviders} finds and ranks the
 * nodes that serve a model (DHT provider records plus heartbeats, connected and fast first, recent failures
 * skipped). Messages are handed in as a codec ({@code p2p.inference.wire}), so this package never sees wire types.
 */
package ai.hanzo.node.p2p.inference;
