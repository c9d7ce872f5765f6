/**
 * The Host header as a target behind an ALB must judge it: the health checker's IP forms accepted when the IP is
 * the target's own, names accepted as configured, everything malformed or foreign refused.
 */
@NullMarked
package io.albtarget.internal.host;

import org.jspecify.annotations.NullMarked;
