package ai.hanzo.libp2p.crypto;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;

/** The NIST P-256 curve as the JDK describes it. */
final class P256 {
  static final ECParameterSpec PARAMS = load();

  private P256() {}

  static boolean isP256(ECParameterSpec params) {
    return params.getCurve().equals(PARAMS.getCurve())
        && params.getOrder().equals(PARAMS.getOrder())
        && params.getGenerator().equals(PARAMS.getGenerator());
  }

  private static ECParameterSpec load() {
    try {
      AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
      params.init(new ECGenParameterSpec("secp256r1"));
      return params.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK provides P-256", e);
    }
  }
}
