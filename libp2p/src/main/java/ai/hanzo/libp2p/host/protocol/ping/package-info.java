/**
 * Ping {@code /ipfs/ping/1.0.0}: the client; the server is an echo of each chunk as it arrives
 * ({@link ai.hanzo.libp2p.host.protocol.echo.EchoHandler}), as js-libp2p's connection monitor
 * needs.
 */
package ai.hanzo.libp2p.host.protocol.ping;
