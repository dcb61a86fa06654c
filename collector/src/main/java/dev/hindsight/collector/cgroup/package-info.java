/**
 * Per-tick readers of a container's cgroup interface files (v1 per-controller hierarchies and
 * the v2 unified hierarchy) into a reusable {@link dev.hindsight.collector.cgroup.ContainerStats},
 * and the slower reader of its limits ({@link dev.hindsight.collector.cgroup.ContainerLimits}).
 *
 * <p>Entry points: build a {@link dev.hindsight.collector.cgroup.ContainerPaths} once per container
 * (it holds the file handles), then call
 * {@link dev.hindsight.collector.cgroup.CgroupV1Reader#read} or
 * {@link dev.hindsight.collector.cgroup.CgroupV2Reader#read} every tick. A vanished container is
 * {@link dev.hindsight.collector.cgroup.ReadResult#GONE}, a missing file is an absent field.
 * Readers are single-threaded and allocation-free per tick.
 */
package dev.hindsight.collector.cgroup;
