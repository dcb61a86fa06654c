/** Test helpers shared with other modules' tests through storage's test-jar. */
package dev.hindsight.storage.testing;
