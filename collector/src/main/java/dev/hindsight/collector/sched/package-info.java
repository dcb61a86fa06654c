/**
 * Scheduling priority of the agent's own threads: {@link dev.hindsight.collector.sched.ThreadNice}
 * sets the calling thread's nice value, so that on a busy host the collector keeps its ticks
 * and query serving waits its turn.
 */
package dev.hindsight.collector.sched;
