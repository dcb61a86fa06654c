/**
 * Finding containers: cgroup mounts from mountinfo, scanning hierarchies, watching them for
 * cgroups created and removed, and the include/exclude filter.
 */
package dev.hindsight.collector.discovery;
