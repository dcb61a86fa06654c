/**
 * The raw sample log: a Chronicle Queue of fixed-layout records (see the record package),
 * its writer and reader, and the registry of container ids.
 */
package dev.hindsight.storage.raw;
