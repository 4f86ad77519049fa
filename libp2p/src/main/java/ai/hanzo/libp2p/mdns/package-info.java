/**
 * mDNS peer discovery ({@code _p2p._udp.local}, {@code dnsaddr=} TXT records) as js-libp2p and go-libp2p speak it:
 * a strict DNS message codec ({@link ai.hanzo.libp2p.mdns.DnsMessageDecoder},
 * {@link ai.hanzo.libp2p.mdns.DnsMessageEncoder}), the announcement we answer with and the reading of others'
 * ({@link ai.hanzo.libp2p.mdns.PeerAnnouncement}, {@link ai.hanzo.libp2p.mdns.ResponseReader}), the multicast
 * discovery on Netty ({@link ai.hanzo.libp2p.mdns.MdnsDiscovery}) and its adapter to a host
 * ({@link ai.hanzo.libp2p.mdns.HostMdnsDiscovery}).
 */
package ai.hanzo.libp2p.mdns;
