import java.io.File;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;

/**
 * Writes a Web3 Secret Storage keystore of a private key (a dev chain's account) for the chain benchmarks, with
 * light scrypt; prints its path. Run with the node jar on the class path:
 * {@code java -cp node/target/hanzo-node.jar bench/scripts/Keystore.java 0xKEY PASSWORD DIR}.
 */
public final class Keystore {
  public static void main(String[] args) throws Exception {
    File dir = new File(args[2]);
    dir.mkdirs();
    String name = WalletUtils.generateWalletFile(args[1], Credentials.create(args[0]).getEcKeyPair(), dir, false);
    System.out.println(new File(dir, name).getPath());
  }
}
