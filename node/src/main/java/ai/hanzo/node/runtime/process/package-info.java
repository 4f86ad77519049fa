/**
 * The {@code process} runtime: a container is a plain host process in a session of its own, with limits through
 * cgroups (v1 or v2) where the host lets us create them, and resource usage from cgroups or from the session's
 * processes. It does not isolate.
 */
package ai.hanzo.node.runtime.process;
