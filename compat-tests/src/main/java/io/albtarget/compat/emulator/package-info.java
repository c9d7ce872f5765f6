/**
 * A test instrument that stands in for the ALB in front of real targets: a small reverse proxy that routes,
 * health-checks, pools back-end connections, forwards headers and maps target failures to 502, 503 and 504 as the
 * ALB is documented to ({@link io.albtarget.compat.emulator.AlbEmulator}).
 */
@NullMarked
package io.albtarget.compat.emulator;

import org.jspecify.annotations.NullMarked;
