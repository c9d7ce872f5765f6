/**
 * A raw-socket HTTP/1.1 client that speaks to a target the way the ALB does: the health checker's exact request
 * bytes ({@link io.albtarget.internal.probe.AlbRequest}), one request per connection with bounded connect and response
 * times ({@link io.albtarget.internal.probe.HttpProbe#exchange}), and the idle connection the ALB keeps for reuse
 * ({@link io.albtarget.internal.probe.HttpProbe#idleClose}).
 */
@NullMarked
package io.albtarget.internal.probe;

import org.jspecify.annotations.NullMarked;
