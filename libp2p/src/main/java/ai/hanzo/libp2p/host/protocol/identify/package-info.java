/** Identify {@code /ipfs/id/1.0.0} and Identify push {@code /ipfs/id/push/1.0.0}. */
package ai.hanzo.libp2p.host.protocol.identify;
