/**
 * The agent's configuration file ({@code hindsight.yaml}): one immutable {@link
 * dev.hindsight.storage.config.HindsightConfig} record, loaded with line-numbered
 * validation so that every error names the file, line and field.
 */
package dev.hindsight.storage.config;
