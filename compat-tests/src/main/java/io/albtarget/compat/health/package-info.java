/**
 * The ALB's health checker for one target, as one ALB node runs it: the exact request bytes, a new connection per
 * check, the success-code matcher, the thresholds and the target states with their reason codes
 * ({@link io.albtarget.compat.health.HealthCheckSimulator}). {@link io.albtarget.compat.health.TimeScale} runs the
 * ALB's timings faster so that tests stay short.
 */
@NullMarked
package io.albtarget.compat.health;

import org.jspecify.annotations.NullMarked;
