package ai.hanzo.node.p2p.gossip.wire;

import ai.hanzo.node.api.v1.GpuInfo;
import ai.hanzo.node.api.v1.NodeCapabilities;
import ai.hanzo.node.api.v1.NodeMetrics;
import ai.hanzo.node.p2p.gossip.Capabilities;
import ai.hanzo.node.p2p.gossip.MalformedPayloadException;
import ai.hanzo.node.p2p.gossip.MetricsSummary;
import ai.hanzo.node.p2p.gossip.PayloadLimits;
import ai.hanzo.node.p2p.gossip.PlacementFacts;
import java.time.Instant;
import java.util.List;

/** Field checks and conversions shared by the gossip codecs: every required field named when missing. */
final class WireFields {
  static final int MAX_TEXT = PayloadLimits.MAX_TEXT;
  static final int MAX_LIST = PayloadLimits.MAX_ENTRIES;
  private static final java.util.regex.Pattern EVM_ADDRESS = java.util.regex.Pattern.compile("0x[0-9a-fA-F]{40}");

  private WireFields() {}

  static String required(String name, String value) {
    if (value.isEmpty()) {
      throw new MalformedPayloadException(name + " is missing");
    }
    return text(name, value);
  }

  /** More GPUs than any one machine holds. */
  static final int MAX_GPUS = 1024;

  static String text(String name, String value) {
    if (value.length() > MAX_TEXT) {
      throw new MalformedPayloadException(name + " is longer than " + MAX_TEXT + " characters");
    }
    return value;
  }

  static List<String> texts(String name, List<String> values) {
    if (values.size() > MAX_LIST) {
      throw new MalformedPayloadException(name + " has more than " + MAX_LIST + " entries");
    }
    values.forEach(v -> text(name, v));
    return values;
  }

  /**
   * At most {@link PayloadLimits#MAX_P2P_ADDRESSES} multiaddrs of at most {@link #MAX_TEXT} characters that parse,
   * none a wildcard (0.0.0.0 or ::, which no peer can dial) and none naming a peer: the heartbeat's signer is the peer.
   */
  static List<String> p2pAddresses(List<String> values) {
    if (values.size() > PayloadLimits.MAX_P2P_ADDRESSES) {
      throw new MalformedPayloadException("p2p_addresses has more than " + PayloadLimits.MAX_P2P_ADDRESSES
          + " entries");
    }
    for (String v : values) {
      required("p2p_addresses entry", v);
      ai.hanzo.libp2p.multiformats.Multiaddr a;
      try {
        a = ai.hanzo.libp2p.multiformats.Multiaddr.parse(v);
      } catch (RuntimeException e) {
        throw new MalformedPayloadException("p2p_addresses entry '" + v + "' is not a multiaddr: " + e.getMessage());
      }
      for (var c : a.components()) {
        if (c.protocol() == ai.hanzo.libp2p.multiformats.Protocol.P2P) {
          throw new MalformedPayloadException("p2p_addresses entry '" + v + "' names a peer; the signer is the peer");
        }
        if ((c.protocol() == ai.hanzo.libp2p.multiformats.Protocol.IP4
            || c.protocol() == ai.hanzo.libp2p.multiformats.Protocol.IP6) && allZero(c.value())) {
          throw new MalformedPayloadException("p2p_addresses entry '" + v + "' is a wildcard no peer can dial");
        }
      }
      if (a.components().isEmpty()) {
        throw new MalformedPayloadException("p2p_addresses entry '" + v + "' has no component");
      }
    }
    return values;
  }

  private static boolean allZero(byte[] ip) {
    for (byte b : ip) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /** Empty, or an EVM address (0x and 40 hex digits), lower-cased. */
  static String address(String name, String value) {
    if (value.isEmpty()) {
      return value;
    }
    if (!EVM_ADDRESS.matcher(value).matches()) {
      throw new MalformedPayloadException(name + " must be empty or 0x and 40 hex digits");
    }
    return value.toLowerCase(java.util.Locale.ROOT);
  }

  static Instant time(String name, long millis) {
    if (millis <= 0) {
      throw new MalformedPayloadException(name + " is missing");
    }
    return Instant.ofEpochMilli(millis);
  }

  static NodeCapabilities capabilities(Capabilities c) {
    NodeCapabilities.Builder b = NodeCapabilities.newBuilder().setCpuCores(c.cpuCores())
        .setMemoryBytes(c.memoryBytes()).setDiskBytes(c.diskBytes()).addAllSupportedRuntimes(c.runtimes()).addAllModels(c.models());
    c.gpus().forEach(g -> b.addGpus(GpuInfo.newBuilder().setModel(g.model()).setMemoryBytes(g.memoryBytes())));
    return b.build();
  }

  static Capabilities capabilities(NodeCapabilities c) {
    if (c.getGpusCount() > MAX_LIST) {
      throw new MalformedPayloadException("capabilities.gpus has more than " + MAX_LIST + " entries");
    }
    return new Capabilities((int) Math.min(Integer.MAX_VALUE, c.getCpuCores()), c.getMemoryBytes(),
        c.getDiskBytes(), c.getGpusList().stream()
            .map(g -> new Capabilities.Gpu(required("capabilities.gpus.model", g.getModel()), g.getMemoryBytes()))
            .toList(),
        texts("capabilities.supported_runtimes", c.getSupportedRuntimesList()),
        texts("capabilities.models", c.getModelsList()));
  }

  static NodeMetrics metrics(MetricsSummary m) {
    return NodeMetrics.newBuilder().setCpuUsage(m.cpu()).setMemoryUsage(m.memory()).setDiskUsage(m.disk())
        .setActiveContainers(m.activeContainers()).build();
  }

  static MetricsSummary metrics(NodeMetrics m) {
    return new MetricsSummary(fraction("metrics.cpu_usage", m.getCpuUsage()),
        fraction("metrics.memory_usage", m.getMemoryUsage()), fraction("metrics.disk_usage", m.getDiskUsage()),
        (int) Math.min(Integer.MAX_VALUE, Integer.toUnsignedLong(m.getActiveContainers())));
  }

  private static double fraction(String name, double value) {
    if (!(value >= 0.0 && value <= 1.0)) {
      throw new MalformedPayloadException(name + " must be a fraction between 0 and 1, was " + value);
    }
    return value;
  }

  static ai.hanzo.node.api.v1.PlacementFacts placement(PlacementFacts p) {
    return ai.hanzo.node.api.v1.PlacementFacts.newBuilder().setRegion(p.region()).setZone(p.zone())
        .putAllLabels(p.labels()).setCordoned(p.cordoned()).setFreeNanoCpus(p.freeNanoCpus())
        .setFreeMemoryBytes(p.freeMemoryBytes()).setFreeReplicas(p.freeReplicas()).setGpus(p.gpus().total())
        .setFreeGpus(p.gpus().free()).setGpuModel(p.gpus().model()).setGpuMemoryBytes(p.gpus().memoryBytes())
        .build();
  }

  static PlacementFacts placement(ai.hanzo.node.api.v1.PlacementFacts p) {
    if (p.getLabelsCount() > MAX_LIST) {
      throw new MalformedPayloadException("placement.labels has more than " + MAX_LIST + " entries");
    }
    p.getLabelsMap().forEach((k, v) -> {
      required("placement.labels key", k);
      text("placement.labels " + PayloadLimits.clip(k), v);
    });
    return new PlacementFacts(text("placement.region", p.getRegion()), text("placement.zone", p.getZone()),
        p.getLabelsMap(), p.getCordoned(), nonNegative("placement.free_nano_cpus", p.getFreeNanoCpus()),
        nonNegative("placement.free_memory_bytes", p.getFreeMemoryBytes()),
        (int) Math.min(Integer.MAX_VALUE, Integer.toUnsignedLong(p.getFreeReplicas())))
        .withGpus(gpus(p));
  }

  /** A peer claiming more free GPUs than it has is lying or broken: refused like any malformed payload. */
  private static PlacementFacts.Gpus gpus(ai.hanzo.node.api.v1.PlacementFacts p) {
    long total = Integer.toUnsignedLong(p.getGpus());
    long free = Integer.toUnsignedLong(p.getFreeGpus());
    if (total > MAX_GPUS || free > total) {
      throw new MalformedPayloadException("placement.gpus " + total + " / free_gpus " + free + " out of range (at most "
          + MAX_GPUS + ", free at most all)");
    }
    return new PlacementFacts.Gpus((int) total, (int) free, text("placement.gpu_model", p.getGpuModel()),
        nonNegative("placement.gpu_memory_bytes", p.getGpuMemoryBytes()));
  }

  private static long nonNegative(String name, long value) {
    if (value < 0) {
      throw new MalformedPayloadException(name + " is above 2^63");
    }
    return value;
  }
}
