/** Number encodings shared by the head's chunks and the raw blocks. */
package dev.hindsight.storage.codec;
