/**
 * The self-check: albtarget plays the ALB against a running target and names each problem with the symptom the
 * ALB would show (a reason code such as {@code Target.ResponseCodeMismatch}, or the HTTP 502 or 504 clients would
 * get) and the fix. {@link io.albtarget.check.SelfCheck} runs the checks; each yields
 * {@link io.albtarget.check.Finding}s, gathered in a {@link io.albtarget.check.Report}.
 */
@NullMarked
package io.albtarget.check;

import org.jspecify.annotations.NullMarked;
