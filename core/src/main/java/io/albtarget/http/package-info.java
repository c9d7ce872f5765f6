/**
 * The ALB's desync classification as the ALB names it: {@link io.albtarget.http.DesyncReason}, the reasons its
 * access log gives, each in its {@link io.albtarget.http.DesyncTier}. albtarget applies them to every request, as
 * {@code alb.desync-mitigation-mode} says, before the application sees it; a refused request is told the reason's
 * {@linkplain io.albtarget.http.DesyncReason#sentence() sentence}.
 */
@NullMarked
package io.albtarget.http;

import org.jspecify.annotations.NullMarked;
