/**
 * Netty 4.2: {@link io.albtarget.netty.AlbNetty} puts albtarget's request-head guard ahead of a pipeline's
 * {@code HttpServerCodec} and the ALB's rules for parsed requests after it, and tunes Netty's own decoder.
 */
@NullMarked
package io.albtarget.netty;

import org.jspecify.annotations.NullMarked;
