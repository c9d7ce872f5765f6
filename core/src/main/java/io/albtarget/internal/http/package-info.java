/**
 * The ALB's desync rules and the Host rule applied on the target: {@link io.albtarget.internal.http.DesyncPolicy}
 * for {@code alb.desync-mitigation-mode}, the byte guard {@link io.albtarget.internal.http.RequestHeadGuard} that
 * servers put ahead of their parsers (with {@link io.albtarget.internal.http.GuardedPorts}, the ports it guards),
 * {@link io.albtarget.internal.http.RequestCompliance} for a parsed {@link io.albtarget.RequestView} (the desync
 * rules where no guard read the bytes, and the Host rule), and {@link io.albtarget.internal.http.Refusal}, how every
 * refusal looks on the wire. The rules are written once, in a package-private classifier fed by both.
 */
@NullMarked
package io.albtarget.internal.http;

import org.jspecify.annotations.NullMarked;
