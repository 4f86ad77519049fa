/**
 * TCP on Netty (epoll where available) and the upgrade of a raw connection into a secure,
 * multiplexed {@link ai.hanzo.libp2p.transport.Connection}: multistream-select {@code /noise},
 * Noise XX, multistream-select of the muxer, Yamux. {@link ai.hanzo.libp2p.transport.TcpTransport}
 * listens and dials, {@link ai.hanzo.libp2p.transport.Upgrader} installs the upgrade on a
 * channel.
 */
package ai.hanzo.libp2p.transport;
