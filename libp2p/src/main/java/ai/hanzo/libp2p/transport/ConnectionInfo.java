package ai.hanzo.libp2p.transport;

import ai.hanzo.libp2p.crypto.PublicKey;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.peer.PeerId;

/** Who and where a connection joins, known once the security handshake is done. */
record ConnectionInfo(
    PeerId localPeer, PeerId remotePeer, PublicKey remotePublicKey, Multiaddr localAddress,
    Multiaddr remoteAddress, Direction direction) {}
