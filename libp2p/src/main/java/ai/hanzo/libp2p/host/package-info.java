/**
 * A libp2p {@link ai.hanzo.libp2p.host.Host}: identity, listeners, dialing, a protocol handler
 * registry negotiated per stream, a {@link ai.hanzo.libp2p.host.ConnectionManager} (limits,
 * watermarks, de-duplication), a {@link ai.hanzo.libp2p.host.PeerStore} and
 * {@link ai.hanzo.libp2p.host.HostListener} events. Identify and Ping are always served; the
 * protocols themselves live in the {@code protocol} sub-packages.
 */
package ai.hanzo.libp2p.host;
