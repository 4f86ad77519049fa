package ai.hanzo.node.runtime.process;

/** Which cgroup layout the host offers for limits: split v1 hierarchies, the unified v2 tree, or none usable. */
enum CgroupVersion {
  V1,
  V2,
  NONE
}
