/**
 * Extension points: {@link io.albtarget.spi.HealthIndicator}s that the health endpoint consults, found through
 * {@link java.util.ServiceLoader} or registered in code.
 */
@NullMarked
package io.albtarget.spi;

import org.jspecify.annotations.NullMarked;
