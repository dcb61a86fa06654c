/**
 * Browser tests of the web UI: the real HTTP server over a store fed with synthetic records,
 * driven by Debian's headless Chromium through Selenium. Screenshots go to
 * {@code target/screenshots/}.
 */
package dev.hindsight.server.ui;
