package ai.hanzo.node.p2p.gossip;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The checks every topic shares: the payload decodes (else REJECT: the sender forwarded garbage), it names the
 * peer that signed the gossip message (else REJECT: someone speaks for another node), and its timestamp is
 * neither older than {@code maxAge} nor further than {@code skew} in the future (else IGNORE: clocks drift and
 * old messages circulate, neither is the relaying peer's fault).
 */
public final class PayloadCheck<T extends GossipPayload> {
  private final PayloadCodec<T> codec;
  private final Duration maxAge;
  private final Duration skew;
  private final Clock clock;

  public PayloadCheck(PayloadCodec<T> codec, Duration maxAge, Duration skew, Clock clock) {
    this.codec = codec;
    this.maxAge = maxAge;
    this.skew = skew;
    this.clock = clock;
  }

  /** @param author the peer id that signed the gossip message */
  public Verdict<T> check(String author, byte[] data) {
    T payload;
    try {
      payload = codec.decode(data);
    } catch (MalformedPayloadException e) {
      return Verdict.reject(null, "malformed payload: " + e.getMessage());
    }
    if (!payload.peerId().equals(author)) {
      return Verdict.reject(payload, "payload claims peer " + payload.peerId() + " but was signed by " + author);
    }
    Instant now = clock.instant();
    if (payload.timestamp().isAfter(now.plus(skew))) {
      return Verdict.ignore(payload, "timestamp " + payload.timestamp() + " is in the future (now " + now + ")");
    }
    if (payload.timestamp().isBefore(now.minus(maxAge))) {
      return Verdict.ignore(payload, "timestamp " + payload.timestamp() + " is older than " + maxAge);
    }
    return Verdict.accept(payload);
  }

  public Clock clock() {
    return clock;
  }
}
