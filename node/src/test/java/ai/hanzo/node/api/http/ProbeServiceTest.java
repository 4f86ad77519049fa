package ai.hanzo.node.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.client.BlockingWebClient;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.testing.junit5.server.ServerExtension;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Readiness follows the lifecycle: 503 while starting, 200 while serving, 503 again once shutdown begins. */
class ProbeServiceTest {
  private static final AtomicBoolean ready = new AtomicBoolean();

  @RegisterExtension
  static final ServerExtension server = new ServerExtension() {
    @Override
    protected void configure(ServerBuilder sb) {
      new ProbeService(ready::get).addTo(sb);
    }
  };

  @Test
  void readinessFollowsTheNodeAndLivenessAlwaysAnswers() {
    BlockingWebClient client = server.blockingWebClient();
    ready.set(false);
    assertThat(client.get("/readiness").status().code()).as("starting").isEqualTo(503);
    assertThat(client.get("/liveness").status().code()).isEqualTo(200);
    ready.set(true);
    assertThat(client.get("/readiness").status().code()).as("serving").isEqualTo(200);
    ready.set(false);
    assertThat(client.get("/readiness").status().code()).as("shutting down").isEqualTo(503);
    assertThat(client.get("/liveness").status().code()).isEqualTo(200);
  }
}
