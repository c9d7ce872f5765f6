/**
 * The drop-in servlet integration: {@link io.albtarget.servlet.AlbFilter}, registered automatically by a
 * {@code ServletContainerInitializer} when the jar is on a scanning container's class path.
 */
@NullMarked
package io.albtarget.servlet;

import org.jspecify.annotations.NullMarked;
