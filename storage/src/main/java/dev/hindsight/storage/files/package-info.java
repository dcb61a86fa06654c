/** File-system steps shared by the storage's file writers (e.g. publishing a finished file durably). */
package dev.hindsight.storage.files;
