/** The dashboard's first load in a real headless chromium: bytes over the wire and time to interactive. */
package ai.hanzo.bench.ui;
