/**
 * The series model: which cAdvisor-named metric each recorded field becomes
 * ({@link dev.hindsight.storage.series.MetricCatalog}), and the registry that resolves a
 * label set to a dense int series id once, with postings for matcher evaluation
 * ({@link dev.hindsight.storage.series.SeriesRegistry}).
 */
package dev.hindsight.storage.series;
