/**
 * The ALB's desync classification applied on the target: {@link io.albtarget.http.DesyncReason} and
 * {@link io.albtarget.http.DesyncTier} as the ALB names them, {@link io.albtarget.http.DesyncPolicy} for
 * {@code alb.desync-mitigation-mode}, the byte guard {@link io.albtarget.http.RequestHeadGuard} that servers put
 * ahead of their parsers, {@link io.albtarget.http.RequestCompliance} for a parsed
 * {@link io.albtarget.RequestView} (the desync rules where no guard read the bytes, and the Host policy), and
 * {@link io.albtarget.http.Refusal}, how every refusal looks on the wire. The rules are written once, in a
 * package-private classifier fed by both.
 */
@NullMarked
package io.albtarget.http;

import org.jspecify.annotations.NullMarked;
