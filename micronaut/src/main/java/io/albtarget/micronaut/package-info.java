/**
 * Makes a Micronaut 4 application on Micronaut's Netty HTTP server a correct target behind an AWS Application Load
 * Balancer: the {@code alb.*} settings bound from Micronaut's environment, a server filter ahead of every other one,
 * the target's lifecycle tied to the server's, and the server's idle timeouts kept longer than the ALB's.
 */
@NullMarked
package io.albtarget.micronaut;

import org.jspecify.annotations.NullMarked;
