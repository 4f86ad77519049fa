/**
 * The {@code /ipfs/kad/1.0.0} messages: their types, peer entries and records, the protobuf codec and the uvarint
 * length framing, with a size limit checked before a message is buffered.
 */
package ai.hanzo.libp2p.kad.wire;
