/**
 * The streams of the DHT: {@link ai.hanzo.libp2p.kad.net.KadRpc} sends one request per outbound stream, {@link
 * ai.hanzo.libp2p.kad.net.InboundStream} answers the requests of an inbound one in order. Everything here runs on
 * event loops and is bounded by timeouts and message sizes.
 */
package ai.hanzo.libp2p.kad.net;
