package ai.hanzo.node.runtime.runc;

import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.ContainerStats;
import ai.hanzo.node.runtime.RuntimeErrorCode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the JSON of {@code runc events --stats}: cpu usage total (ns), memory usage (bytes), pids current. */
final class RuncStats {
  private final ObjectMapper json = new ObjectMapper();

  ContainerStats parse(String id, String output) {
    try {
      JsonNode data = json.readTree(output).path("data");
      if (data.isMissingNode()) {
        throw new ContainerRuntimeException(RuntimeErrorCode.IO, "runc events --stats gave no data for " + id);
      }
      return new ContainerStats(id, data.path("cpu").path("usage").path("total").asLong(),
          data.path("memory").path("usage").path("usage").asLong(), data.path("pids").path("current").asLong());
    } catch (JsonProcessingException e) {
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "runc events --stats printed no JSON for " + id
          + ": " + e.getOriginalMessage(), e);
    }
  }

  /** The {@code pid} and {@code status} fields of {@code runc state}. */
  record State(String status, long pid) {}

  State parseState(String output) {
    try {
      JsonNode state = json.readTree(output);
      return new State(state.path("status").asText(""), state.path("pid").asLong(0));
    } catch (JsonProcessingException e) {
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "runc state printed no JSON: "
          + e.getOriginalMessage(), e);
    }
  }
}
