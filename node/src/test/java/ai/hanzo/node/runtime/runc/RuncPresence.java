package ai.hanzo.node.runtime.runc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.Optional;

/** runc ITs skip (with a message) where runc is not installed, except on CI, where that is a failure. */
final class RuncPresence {
  private RuncPresence() {}

  static void require(boolean busyboxPresent) {
    boolean onCi = "true".equalsIgnoreCase(System.getenv("CI"));
    boolean runcPresent = RuncBinary.find(Optional.empty()).isPresent();
    String message = "runc and busybox-static must be installed (apt-get install runc busybox-static); "
        + "runc found: " + runcPresent + ", busybox found: " + busyboxPresent;
    if (onCi) {
      assertThat(runcPresent && busyboxPresent).as(message).isTrue();
    } else {
      assumeThat(runcPresent && busyboxPresent).as(message).isTrue();
    }
  }
}
