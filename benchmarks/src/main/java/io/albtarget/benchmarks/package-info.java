/**
 * JMH benchmarks of albtarget's per-request path; see BENCHMARKS.md at the repository root for how to run them
 * and what the figures mean.
 */
package io.albtarget.benchmarks;
