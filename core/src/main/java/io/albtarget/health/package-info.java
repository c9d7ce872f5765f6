/**
 * The health endpoint the ALB agrees with: the target's lifecycle ({@link io.albtarget.health.HealthState}),
 * indicators run against a deadline, the answer inside the target group's matcher, and the drain sequence on
 * shutdown.
 */
@NullMarked
package io.albtarget.health;

import org.jspecify.annotations.NullMarked;
