package ai.hanzo.libp2p.noise;

import ai.hanzo.libp2p.crypto.PublicKey;
import ai.hanzo.libp2p.peer.PeerId;
import java.util.List;

/**
 * Fired as a user event once the Noise handshake succeeded and the transport codec is in place.
 *
 * @param remoteEarlyMuxers the stream muxers the peer listed in its handshake payload, in its
 *     order of preference; empty when it left the choice to multistream-select
 */
public record SecureSession(
    PeerId localPeerId, PeerId remotePeerId, PublicKey remotePublicKey,
    List<String> remoteEarlyMuxers) {
  public SecureSession {
    remoteEarlyMuxers = List.copyOf(remoteEarlyMuxers);
  }
}
