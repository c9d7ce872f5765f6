/**
 * Undertow 2.3 as an ALB target: {@link io.albtarget.servlet.undertow.AlbUndertow} starts an HTTP or HTTPS
 * listener whose connections pass through albtarget's byte guard
 * ({@link io.albtarget.internal.http.RequestHeadGuard}) below Undertow's own parser (above TLS), so obs-fold and
 * empty-name header lines get Undertow's 400 instead of being unfolded or accepted, and whose keep-alive outlasts
 * the ALB's idle timeout. The listener is wired by hand because
 * {@code Undertow.builder()} offers no hook on new connections; where a framework owns the listener (WildFly,
 * Spring Boot 3) this package cannot help.
 */
@NullMarked
package io.albtarget.servlet.undertow;

import org.jspecify.annotations.NullMarked;
