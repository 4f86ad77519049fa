package ai.hanzo.node.api.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.server.annotation.Blocking;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Blocking is the default: every gRPC method runs on the blocking executor unless {@link EventLoopMethods} names it
 * (issue 12 item 5: GetStatus and the registry RPCs ran on the event loop and read the runtime and RocksDB there).
 */
class BlockingByDefaultTest {
  @Test
  void everyGrpcMethodOutsideTheAllowListIsBlocking() {
    List<String> onTheEventLoop = new ArrayList<>();
    List<String> allowedAndServed = new ArrayList<>();
    for (Class<?> service : List.of(GrpcNodeService.class, GrpcAdminService.class)) {
      for (Method m : service.getDeclaredMethods()) {
        if (!Modifier.isPublic(m.getModifiers()) || !overridesTheGeneratedBase(service, m)) {
          continue;
        }
        if (EventLoopMethods.GRPC.contains(m.getName())) {
          allowedAndServed.add(m.getName());
        } else if (!m.isAnnotationPresent(Blocking.class)) {
          onTheEventLoop.add(service.getSimpleName() + "." + m.getName());
        }
      }
    }
    assertThat(onTheEventLoop).as("gRPC methods without @Blocking that EventLoopMethods does not name").isEmpty();
    assertThat(allowedAndServed).as("the allow-list names only methods that exist")
        .containsExactlyInAnyOrderElementsOf(EventLoopMethods.GRPC);
  }

  private static boolean overridesTheGeneratedBase(Class<?> service, Method m) {
    return Arrays.stream(service.getSuperclass().getMethods())
        .anyMatch(base -> base.getName().equals(m.getName())
            && Arrays.equals(base.getParameterTypes(), m.getParameterTypes()));
  }
}
