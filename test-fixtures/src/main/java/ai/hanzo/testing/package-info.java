/**
 * Test helpers that the tests of every module share (the {@code hanzo-node-test-fixtures} artifact, a test-scope
 * dependency only): {@link ai.hanzo.testing.RandomCases} for seeded, reproducible generated inputs and
 * {@link ai.hanzo.testing.MutableClock} for time that moves only when a test moves it, and
 * {@link ai.hanzo.testing.NpmProject} for the repository's npm projects installed from their lock files (by the test,
 * or up front by {@code .ci/npm-install.sh} and then only linked), {@link ai.hanzo.testing.HostCommands} for the host
 * commands tests set machines up with. Nothing here but the JDK.
 */
package ai.hanzo.testing;
