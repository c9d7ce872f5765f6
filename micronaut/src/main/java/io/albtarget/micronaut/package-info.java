/**
 * Makes a Micronaut 4 application on Micronaut's Netty HTTP server a correct target behind an AWS Application Load
 * Balancer: the {@code alb.*} settings bound from Micronaut's environment, albtarget's Netty guard and rules around
 * the HTTP/1.1 codec of every connection, a server filter ahead of every other one, the target's lifecycle tied to
 * the server's, the server's idle timeouts kept longer than the ALB's and its header limits as large as the ALB's.
 */
@NullMarked
package io.albtarget.micronaut;

import org.jspecify.annotations.NullMarked;
