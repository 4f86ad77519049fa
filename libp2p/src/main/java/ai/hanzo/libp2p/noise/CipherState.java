package ai.hanzo.libp2p.noise;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Noise CipherState for ChaChaPoly: a key and a 64-bit nonce, encoded as 4 zero bytes then
 * the counter little-endian. One instance serves one direction and reuses its {@link Cipher}.
 */
public final class CipherState {
  public static final int TAG_LENGTH = 16;
  /** 2^64-1 is reserved by the spec; as a signed long it is -1. */
  private static final long MAX_NONCE = -1L;

  private final Cipher cipher;
  private final byte[] nonceBytes = new byte[12];
  private SecretKeySpec key;
  private long nonce;

  CipherState(AeadCipherFactory ciphers) {
    this.cipher = ciphers.newCipher();
  }

  void initializeKey(byte[] keyBytes) {
    this.key = new SecretKeySpec(keyBytes, "ChaCha20");
    this.nonce = 0;
  }

  boolean hasKey() {
    return key != null;
  }

  long nonce() {
    return nonce;
  }

  byte[] encryptWithAd(byte[] ad, byte[] plaintext) {
    if (key == null) {
      return plaintext.clone();
    }
    byte[] out = new byte[plaintext.length + TAG_LENGTH];
    try {
      init(Cipher.ENCRYPT_MODE);
      cipher.updateAAD(ad);
      cipher.doFinal(plaintext, 0, plaintext.length, out, 0);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 encryption failed", e);
    }
    nonce++;
    return out;
  }

  byte[] decryptWithAd(byte[] ad, byte[] ciphertext) throws AEADBadTagException {
    if (key == null) {
      return ciphertext.clone();
    }
    if (ciphertext.length < TAG_LENGTH) {
      throw new AEADBadTagException("ciphertext shorter than the 16-byte tag");
    }
    byte[] out;
    try {
      init(Cipher.DECRYPT_MODE);
      cipher.updateAAD(ad);
      out = cipher.doFinal(ciphertext);
    } catch (AEADBadTagException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 decryption failed", e);
    }
    nonce++;
    return out;
  }

  /** Encrypts all of {@code in} into {@code out} (which must have room for the tag), empty AD. */
  void encrypt(ByteBuffer in, ByteBuffer out) {
    try {
      init(Cipher.ENCRYPT_MODE);
      cipher.doFinal(in, out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 encryption failed", e);
    }
    nonce++;
  }

  /** Decrypts all of {@code in} into {@code out}, empty AD; the nonce advances only on success. */
  void decrypt(ByteBuffer in, ByteBuffer out) throws AEADBadTagException {
    try {
      init(Cipher.DECRYPT_MODE);
      cipher.doFinal(in, out);
    } catch (AEADBadTagException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 decryption failed", e);
    }
    nonce++;
  }

  private void init(int mode) throws GeneralSecurityException {
    if (nonce == MAX_NONCE) {
      throw new IllegalStateException("Noise nonce space exhausted; the session must end");
    }
    long n = nonce;
    for (int i = 4; i < 12; i++) {
      nonceBytes[i] = (byte) n;
      n >>>= 8;
    }
    cipher.init(mode, key, new IvParameterSpec(nonceBytes));
  }
}
