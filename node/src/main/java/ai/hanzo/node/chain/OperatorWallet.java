package ai.hanzo.node.chain;

import ai.hanzo.node.config.ConfigException;
import ai.hanzo.node.config.OperatorKeystore;
import java.io.IOException;
import org.web3j.crypto.exception.CipherException;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;

/**
 * Opens the operator's Web3 Secret Storage keystore. A wrong password or a file that is not a keystore is a
 * {@link ConfigException} (exit 2 at start) whose one line names the file and what to check, never the password.
 */
public final class OperatorWallet {
  private OperatorWallet() {}

  public static Credentials open(OperatorKeystore keystore) {
    try {
      return WalletUtils.loadCredentials(keystore.password(), keystore.file().toFile());
    } catch (CipherException e) {
      // web3j says "Invalid password provided" when the MAC does not match: the password is wrong.
      if (String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("password")) {
        throw new ConfigException("--operator-keystore " + keystore.file() + ": the password is wrong (check"
            + " HANZO_OPERATOR_PASSWORD or --operator-password-file)");
      }
      // Anything else web3j's decryption refuses (version, cipher, KDF) means the file is no keystore it reads.
      throw new ConfigException("--operator-keystore " + keystore.file()
          + " is not a Web3 Secret Storage keystore (version 3): " + firstLine(e.getMessage()));
    } catch (IOException | RuntimeException e) {
      throw new ConfigException("--operator-keystore " + keystore.file()
          + " is not a Web3 Secret Storage keystore: " + firstLine(e.getMessage()));
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }
}
