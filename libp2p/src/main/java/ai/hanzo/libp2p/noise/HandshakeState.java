package ai.hanzo.libp2p.noise;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.function.Supplier;
import javax.crypto.AEADBadTagException;

/**
 * The Noise XX handshake ({@code -> e; <- e, ee, s, es; -> s, se}) with X25519, ChaChaPoly and
 * SHA-256, as a plain state machine: feed it whole messages, take whole messages out. Not
 * thread-safe; any failure leaves it failed for good.
 */
public final class HandshakeState {
  public static final String PROTOCOL_NAME = "Noise_XX_25519_ChaChaPoly_SHA256";
  private static final int KEY = X25519KeyPair.LENGTH;
  private static final int SEALED_KEY = KEY + CipherState.TAG_LENGTH;
  private static final int MESSAGES = 3;

  /** Which side of the handshake this state plays. */
  public enum Role { INITIATOR, RESPONDER }

  private final Role role;
  private final X25519KeyPair staticKeys;
  private final Supplier<X25519KeyPair> ephemeralKeys;
  private final SymmetricState symmetric;
  private X25519KeyPair ephemeral;
  private byte[] remoteEphemeral;
  private byte[] remoteStatic;
  private int step;
  private boolean failed;

  public HandshakeState(Role role, X25519KeyPair staticKeys, AeadCipherFactory ciphers) {
    this(role, staticKeys, new byte[0], X25519KeyPair::generate, ciphers);
  }

  /** With a prologue and chosen ephemeral keys: for the published test vectors. */
  HandshakeState(Role role, X25519KeyPair staticKeys, byte[] prologue,
      Supplier<X25519KeyPair> ephemeralKeys, AeadCipherFactory ciphers) {
    this.role = role;
    this.staticKeys = staticKeys;
    this.ephemeralKeys = ephemeralKeys;
    this.symmetric = new SymmetricState(PROTOCOL_NAME, ciphers);
    symmetric.mixHash(prologue);
  }

  public Role role() {
    return role;
  }

  /** True when it is this side's turn to write the next message. */
  public boolean isMyTurnToWrite() {
    return !failed && step < MESSAGES && (step % 2 == 0) == (role == Role.INITIATOR);
  }

  public boolean isComplete() {
    return step == MESSAGES && !failed;
  }

  public byte[] writeMessage(byte[] payload) throws NoiseHandshakeException {
    if (!isMyTurnToWrite()) {
      throw new NoiseHandshakeException("not this side's turn to write (message " + (step + 1) + ")");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      switch (step) {
        case 0 -> writeEphemeral(out);
        case 1 -> {
          writeEphemeral(out);
          symmetric.mixKey(ephemeral.dh(remoteEphemeral));
          out.writeBytes(symmetric.encryptAndHash(staticKeys.publicKey()));
          symmetric.mixKey(staticKeys.dh(remoteEphemeral));
        }
        default -> {
          out.writeBytes(symmetric.encryptAndHash(staticKeys.publicKey()));
          symmetric.mixKey(staticKeys.dh(remoteEphemeral));
        }
      }
      out.writeBytes(symmetric.encryptAndHash(payload));
    } catch (NoiseHandshakeException | RuntimeException e) {
      failed = true;
      throw e;
    }
    step++;
    return out.toByteArray();
  }

  /** Reads the peer's next message and returns its decrypted payload. */
  public byte[] readMessage(byte[] message) throws NoiseHandshakeException {
    if (failed || step >= MESSAGES || isMyTurnToWrite()) {
      throw new NoiseHandshakeException("not this side's turn to read (message " + (step + 1) + ")");
    }
    try {
      int pos = 0;
      switch (step) {
        case 0 -> pos = readEphemeral(message, 0);
        case 1 -> {
          pos = readEphemeral(message, SEALED_KEY + CipherState.TAG_LENGTH);
          symmetric.mixKey(ephemeral.dh(remoteEphemeral));
          pos = readStatic(message, pos);
          symmetric.mixKey(ephemeral.dh(remoteStatic));
        }
        default -> {
          requireLength(message, SEALED_KEY + CipherState.TAG_LENGTH);
          pos = readStatic(message, 0);
          symmetric.mixKey(ephemeral.dh(remoteStatic));
        }
      }
      byte[] payload = symmetric.decryptAndHash(Arrays.copyOfRange(message, pos, message.length));
      step++;
      return payload;
    } catch (AEADBadTagException e) {
      failed = true;
      throw new NoiseHandshakeException(
          "handshake message " + (step + 1) + " failed to decrypt (tampered or wrong keys)", e);
    } catch (NoiseHandshakeException | RuntimeException e) {
      failed = true;
      throw e;
    }
  }

  /** The peer's static X25519 key, once a message has revealed it. */
  public byte[] remoteStaticKey() {
    if (remoteStatic == null) {
      throw new IllegalStateException("remote static key not yet received");
    }
    return remoteStatic.clone();
  }

  public byte[] localStaticKey() {
    return staticKeys.publicKey();
  }

  public byte[] handshakeHash() {
    requireComplete();
    return symmetric.handshakeHash();
  }

  /** The transport ciphers for this side, available once the handshake is complete. */
  public TransportCiphers split() {
    requireComplete();
    CipherState[] pair = symmetric.split();
    return role == Role.INITIATOR
        ? new TransportCiphers(pair[0], pair[1])
        : new TransportCiphers(pair[1], pair[0]);
  }

  private void writeEphemeral(ByteArrayOutputStream out) {
    ephemeral = ephemeralKeys.get();
    byte[] pub = ephemeral.publicKey();
    out.writeBytes(pub);
    symmetric.mixHash(pub);
  }

  private int readEphemeral(byte[] message, int minimumAfter) throws NoiseHandshakeException {
    requireLength(message, KEY + minimumAfter);
    remoteEphemeral = Arrays.copyOfRange(message, 0, KEY);
    symmetric.mixHash(remoteEphemeral);
    return KEY;
  }

  private int readStatic(byte[] message, int pos) throws AEADBadTagException {
    remoteStatic = symmetric.decryptAndHash(Arrays.copyOfRange(message, pos, pos + SEALED_KEY));
    return pos + SEALED_KEY;
  }

  private void requireLength(byte[] message, int minimum) throws NoiseHandshakeException {
    if (message.length < minimum) {
      throw new NoiseHandshakeException("handshake message " + (step + 1) + " is " + message.length
          + " bytes, shorter than the " + minimum + " its pattern needs");
    }
  }

  private void requireComplete() {
    if (!isComplete()) {
      throw new IllegalStateException("the handshake is not complete");
    }
  }

  /** The two directions of a finished handshake. */
  public record TransportCiphers(CipherState send, CipherState receive) {}
}
