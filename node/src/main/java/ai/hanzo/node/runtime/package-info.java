/**
 * The container runtime SPI ({@link ai.hanzo.node.runtime.ContainerRuntime}) and its value types. The orchestrator
 * speaks only this package; the implementations live in sub-packages that never depend on each other.
 *
 * <p>How the host runtimes ({@code process}, {@code runc}) work, and what follows from it:
 * <ul>
 *   <li>Each container is watched by a shim: a {@code /bin/sh} in a session of its own, forked off by
 *       {@code setsid -f} (not the node's child, so no JVM thread waits for it), that runs the container's
 *       command (or {@code runc run}) in the foreground and writes its exit status (128+n for signal n) to
 *       {@code <root>/containers/<id>/exitcode}. Containers and shims outlive the node; a runtime built over the
 *       same root dir lists and controls them again. Each pid is stored with its start time from
 *       {@code /proc/<pid>/stat} so a recycled pid is never taken for the container.</li>
 *   <li>A container is started only once no shim of it runs. The node writes a {@code starting} marker before it
 *       launches a shim, and the shim writes its own pid to {@code shim.pid} before it runs anything; a node
 *       killed before it recorded the shim leaves both, and the next one adopts that shim (found by the pid file,
 *       or by a scan of /proc for the shim's command line while only the marker exists) instead of starting a
 *       second copy.</li>
 *   <li>Output goes through two named pipes per container that the container holds open read-write, so it never
 *       gets SIGPIPE while no node reads; the node copies each line with a timestamp and the stream name into
 *       {@code container.log}, rotated by size and count, on a few shared threads that read only what each pipe
 *       holds (no thread per container). While no node runs, output waits in the pipe (a writer blocks once
 *       64 KiB are pending); output of a container that ended while no node ran is lost, and so is output that a
 *       background child writes after the container's shim ended.</li>
 *   <li>Container records are read from disk once per runtime object and then kept in memory in step with every
 *       change: one runtime object owns a root at a time.</li>
 *   <li>Networking is the host's (ports are the container's own, 1:1) or none (runc only: a new, empty network
 *       namespace).</li>
 *   <li>The process runtime does not isolate: the command and every exec are host processes in the container's
 *       working directory with the container's environment; volumes are symlinks in that directory; limits apply
 *       through cgroups where the host lets us create them, and a {@link ai.hanzo.node.runtime.RuntimeWarnings
 *       warning} says when it does not.</li>
 *   <li>An exec (the command, or {@code runc exec}) is not the node's child either: a shell forked off by
 *       {@code setsid -f} runs it with named pipes in a scratch directory as its stdin, stdout and stderr, and the
 *       node reads them on the same shared threads as the logs (no thread per exec). While the
 *       {@link ai.hanzo.node.runtime.ExecOutput} wants no more, the node stops reading: the pipe fills and the
 *       command blocks in its write until {@link ai.hanzo.node.runtime.ExecSession#resume()}. With a tty, the
 *       command runs on a terminal from util-linux {@code script}, and stdout and stderr are one stream.</li>
 *   <li>Log subscriptions read {@code container.log} and its rotated files in short polls on a small shared pool,
 *       never a thread per subscription. One whose consumer wants no more ({@link
 *       ai.hanzo.node.runtime.LogConsumer#wantsMore()}) stops reading and keeps its unread files open: the files
 *       are the buffer of a paused follower, which loses a line only if rotation deletes a file it never opened.</li>
 * </ul>
 */
package ai.hanzo.node.runtime;
