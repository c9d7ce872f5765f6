/**
 * Keep-alive above the load balancer's idle timeout: the requirement every server adapter sets or verifies.
 */
@NullMarked
package io.albtarget.keepalive;

import org.jspecify.annotations.NullMarked;
