package ai.hanzo.node.chain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;

/** Web3 Secret Storage keystores of anvil's dev accounts, with light scrypt so tests decrypt them quickly. */
public final class OperatorKeystores {
  private OperatorKeystores() {}

  /** Writes {@code account}'s keystore encrypted with {@code password} into {@code dir}; its path. */
  public static Path write(Credentials account, String password, Path dir) throws Exception {
    Files.createDirectories(dir);
    String name = WalletUtils.generateWalletFile(password, account.getEcKeyPair(), dir.toFile(), false);
    return dir.resolve(name);
  }

  /** A password file holding {@code password} and a newline, as editors write it. */
  public static Path passwordFile(String password, Path dir) throws IOException {
    Path file = dir.resolve("operator-password");
    Files.writeString(file, password + "\n");
    return file;
  }
}
