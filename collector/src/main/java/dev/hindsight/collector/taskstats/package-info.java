/** Kernel interfaces reached through JNA: taskstats cgroupstats over generic netlink, and OOM eventfd. */
package dev.hindsight.collector.taskstats;
