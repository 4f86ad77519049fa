/**
 * A transport-independent API for multiplexed streams: {@link ai.hanzo.libp2p.mux.StreamMuxer} is
 * one connection, {@link ai.hanzo.libp2p.mux.MuxedStream} one stream on it, and a {@link
 * ai.hanzo.libp2p.mux.StreamHandler} receives a stream's events. Every callback runs on the
 * connection's event loop.
 */
package ai.hanzo.libp2p.mux;
