/**
 * The ALB contract for a team's own CI: {@link io.albtarget.compat.contract.AlbContractTests}, a JUnit 5 test class
 * to extend, and {@link io.albtarget.compat.contract.AlbAssertions}, AssertJ assertions to call from any test. Both
 * speak to a running target over real sockets with the bytes the ALB sends.
 */
@NullMarked
package io.albtarget.compat.contract;

import org.jspecify.annotations.NullMarked;
