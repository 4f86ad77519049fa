package ai.hanzo.node.runtime;

/** Container networking this slice supports: the host's network, or none at all. */
public enum NetworkMode {
  HOST,
  NONE
}
