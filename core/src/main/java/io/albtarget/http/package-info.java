/**
 * Request rules as the ALB needs a target to apply them: header-line syntax, message framing and the Host
 * policy, each judged over a server-neutral {@link io.albtarget.RequestView}.
 */
@NullMarked
package io.albtarget.http;

import org.jspecify.annotations.NullMarked;
