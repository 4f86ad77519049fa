package ai.hanzo.libp2p.noise;

import java.security.GeneralSecurityException;
import java.security.Provider;
import javax.crypto.Cipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates ChaCha20-Poly1305 ciphers from one provider: Conscrypt (BoringSSL, several times faster)
 * when its native library loads here, else the JDK's own.
 */
public final class AeadCipherFactory {
  static final String ALGORITHM = "ChaCha20-Poly1305";
  private static final Logger LOG = LoggerFactory.getLogger(AeadCipherFactory.class);

  private final Provider provider;

  private AeadCipherFactory(Provider provider) {
    this.provider = provider;
  }

  /** Conscrypt if it loads and offers the cipher, otherwise the JDK; logs which it picked. */
  public static AeadCipherFactory preferConscrypt() {
    AeadCipherFactory factory;
    try {
      factory = conscrypt();
    } catch (IllegalStateException e) {
      LOG.info("Noise uses the JDK's ChaCha20-Poly1305: Conscrypt is unavailable ({})",
          e.getMessage());
      return jdk();
    }
    LOG.info("Noise uses Conscrypt's ChaCha20-Poly1305");
    return factory;
  }

  /**
   * The Conscrypt provider.
   *
   * @throws IllegalStateException when Conscrypt's native library cannot load on this platform
   */
  public static AeadCipherFactory conscrypt() {
    try {
      Provider provider = org.conscrypt.Conscrypt.newProvider();
      AeadCipherFactory factory = new AeadCipherFactory(provider);
      factory.newCipher();
      return factory;
    } catch (LinkageError | RuntimeException e) {
      throw new IllegalStateException("Conscrypt cannot load: " + e, e);
    }
  }

  /** The JDK's default provider of ChaCha20-Poly1305 (SunJCE on JDK 17). */
  public static AeadCipherFactory jdk() {
    return new AeadCipherFactory(null);
  }

  /** A fresh, uninitialised cipher; each direction of a session keeps its own. */
  public Cipher newCipher() {
    try {
      return provider == null ? Cipher.getInstance(ALGORITHM) : Cipher.getInstance(ALGORITHM, provider);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is not available from " + providerName(), e);
    }
  }

  public String providerName() {
    return provider == null ? "JDK" : provider.getName();
  }

  @Override
  public String toString() {
    return "AeadCipherFactory[" + providerName() + "]";
  }
}
