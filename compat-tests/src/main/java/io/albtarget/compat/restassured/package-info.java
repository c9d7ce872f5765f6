/**
 * The ALB's requests for teams that test with rest-assured: specifications that send what the ALB sends, and a
 * matcher for the target group's success codes. rest-assured is an optional dependency of the kit; add it to use
 * these.
 */
@NullMarked
package io.albtarget.compat.restassured;

import org.jspecify.annotations.NullMarked;
