/**
 * Jetty 12: {@link io.albtarget.servlet.jetty.AlbJetty} turns Jetty's own parser strict where the ALB needs it and
 * sets keep-alive above the ALB's idle timeout.
 */
@NullMarked
package io.albtarget.servlet.jetty;

import org.jspecify.annotations.NullMarked;
