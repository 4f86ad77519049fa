/**
 * The protobuf codec of {@code /hanzo/qos/1.0.0} ({@code qos.proto}): the one place the qos protocol sees wire
 * types, so {@code p2p.qos} never does.
 */
package ai.hanzo.node.p2p.qos.wire;
