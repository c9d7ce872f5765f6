/**
 * Keep-alive above the load balancer's idle timeout: the requirement every server adapter sets or verifies.
 */
@NullMarked
package io.albtarget.internal.keepalive;

import org.jspecify.annotations.NullMarked;
