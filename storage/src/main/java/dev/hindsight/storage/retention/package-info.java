/**
 * Retention: which whole roll-cycle files to delete is a pure function over file metadata
 * measured from the newest data ({@link dev.hindsight.storage.retention.RetentionPlanner});
 * deleting them is a separate step ({@link dev.hindsight.storage.retention.RetentionJob}).
 */
package dev.hindsight.storage.retention;
