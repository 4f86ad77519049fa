package ai.hanzo.libp2p.noise;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The Noise SymmetricState with SHA-256: chaining key, handshake hash and a CipherState. */
final class SymmetricState {
  static final int HASH_LENGTH = 32;

  private final AeadCipherFactory ciphers;
  private final CipherState cipherState;
  private final MessageDigest sha256;
  private final Mac hmac;
  private byte[] chainingKey;
  private byte[] hash;

  SymmetricState(String protocolName, AeadCipherFactory ciphers) {
    this.ciphers = ciphers;
    this.cipherState = new CipherState(ciphers);
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
      this.hmac = Mac.getInstance("HmacSHA256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK provides SHA-256 and HMAC-SHA256", e);
    }
    byte[] name = protocolName.getBytes(StandardCharsets.US_ASCII);
    if (name.length <= HASH_LENGTH) {
      hash = Arrays.copyOf(name, HASH_LENGTH);
    } else {
      hash = sha256.digest(name);
    }
    chainingKey = hash.clone();
  }

  void mixKey(byte[] inputKeyMaterial) {
    byte[][] out = hkdf(chainingKey, inputKeyMaterial);
    chainingKey = out[0];
    cipherState.initializeKey(out[1]);
  }

  void mixHash(byte[] data) {
    sha256.update(hash);
    sha256.update(data);
    hash = sha256.digest();
  }

  byte[] encryptAndHash(byte[] plaintext) {
    byte[] ciphertext = cipherState.encryptWithAd(hash, plaintext);
    mixHash(ciphertext);
    return ciphertext;
  }

  byte[] decryptAndHash(byte[] ciphertext) throws AEADBadTagException {
    byte[] plaintext = cipherState.decryptWithAd(hash, ciphertext);
    mixHash(ciphertext);
    return plaintext;
  }

  boolean hasKey() {
    return cipherState.hasKey();
  }

  byte[] handshakeHash() {
    return hash.clone();
  }

  /** Returns the two transport CipherStates: [initiator→responder, responder→initiator]. */
  CipherState[] split() {
    byte[][] keys = hkdf(chainingKey, new byte[0]);
    CipherState first = new CipherState(ciphers);
    first.initializeKey(keys[0]);
    CipherState second = new CipherState(ciphers);
    second.initializeKey(keys[1]);
    return new CipherState[] {first, second};
  }

  private byte[][] hkdf(byte[] salt, byte[] inputKeyMaterial) {
    byte[] tempKey = hmac(salt, inputKeyMaterial);
    byte[] out1 = hmac(tempKey, new byte[] {1});
    byte[] in2 = Arrays.copyOf(out1, HASH_LENGTH + 1);
    in2[HASH_LENGTH] = 2;
    return new byte[][] {out1, hmac(tempKey, in2)};
  }

  private byte[] hmac(byte[] key, byte[] data) {
    try {
      hmac.init(new SecretKeySpec(key, "HmacSHA256"));
    } catch (java.security.InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 accepts any 32-byte key", e);
    }
    return hmac.doFinal(data);
  }
}
