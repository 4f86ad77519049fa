/**
 * This node as a registry of other nodes: registration with an Ed25519 key proven by signing a random challenge,
 * heartbeats that record metrics and deliver queued commands until acknowledged, and liveness (silent nodes go
 * offline). Registrations and queues are kept in RocksDB. Keys, signatures and PeerIds are hanzo-libp2p's
 * ({@link ai.hanzo.node.registry.NodeKeys} only adds the forms and errors of the registry's API).
 */
package ai.hanzo.node.registry;
