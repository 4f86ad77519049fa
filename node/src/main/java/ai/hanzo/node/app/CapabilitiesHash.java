package ai.hanzo.node.app;

import ai.hanzo.node.p2p.gossip.Capabilities;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Hash;

/**
 * The capabilities hash a node registers on chain when its operator gives none: Keccak-256 (the EVM's hash) of a
 * canonical text of the {@link Capabilities} its heartbeats announce, so anyone can recompute it from a heartbeat
 * (or with {@code cast keccak}) and compare it with the registry's.
 *
 * <p>The text is UTF-8, one {@code key=value} line per fact, each ending in a line feed, in this order:
 * <pre>
 * hanzo-node/capabilities/v1
 * cpu_cores=8
 * memory_bytes=16777216000
 * disk_bytes=500107862016
 * gpu=NVIDIA A100-SXM4-40GB;42949672960      (one line per GPU: model;memory_bytes, lines sorted)
 * runtime=docker                             (one line per runtime, sorted)
 * </pre>
 * Numbers are decimal without leading zeros. In names, a line feed, carriage return or {@code ;} becomes a space.
 * The models a node serves are left out: they change whenever its model store does, and the registration is one
 * transaction, made once.
 */
public final class CapabilitiesHash {
  static final String VERSION = "hanzo-node/capabilities/v1";

  private CapabilitiesHash() {}

  /** 32 bytes: Keccak-256 of {@link #canonicalText}. */
  public static byte[] of(Capabilities capabilities) {
    return Hash.sha3(canonicalText(capabilities).getBytes(StandardCharsets.UTF_8));
  }

  /** The exact text that is hashed (see the class comment). */
  public static String canonicalText(Capabilities c) {
    StringBuilder text = new StringBuilder(VERSION).append('\n');
    text.append("cpu_cores=").append(c.cpuCores()).append('\n');
    text.append("memory_bytes=").append(c.memoryBytes()).append('\n');
    text.append("disk_bytes=").append(c.diskBytes()).append('\n');
    List<String> gpus = new ArrayList<>();
    c.gpus().forEach(g -> gpus.add("gpu=" + name(g.model()) + ";" + g.memoryBytes()));
    gpus.stream().sorted().forEach(line -> text.append(line).append('\n'));
    c.runtimes().stream().map(r -> "runtime=" + name(r)).sorted().forEach(line -> text.append(line).append('\n'));
    return text.toString();
  }

  private static String name(String s) {
    return s.replace('\n', ' ').replace('\r', ' ').replace(';', ' ');
  }
}
