/**
 * Yamux ({@code /yamux/1.0.0}) as a Netty handler over an already secured byte stream: frame
 * codec, stream table, per-stream flow control with real backpressure, keep-alive pings and
 * go-away. See the hashicorp/yamux spec and the libp2p yamux spec.
 */
package ai.hanzo.libp2p.yamux;
