/**
 * The dashboard in a real headless chromium: its first load (bytes over the wire, time to interactive) and its memory
 * while it follows a chatty log.
 */
package ai.hanzo.bench.ui;
