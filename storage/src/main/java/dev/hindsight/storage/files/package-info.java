/** File-system steps shared by the storage's file writers (publishing a finished file durably, checksums read through a channel rather than a mapping). */
package dev.hindsight.storage.files;
