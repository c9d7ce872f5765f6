/**
 * The ALB target-group model ({@link io.albtarget.AlbSettings}, {@link io.albtarget.SuccessCodes}), the catalogue of
 * its settings ({@link io.albtarget.Setting}) and the server-neutral request view every integration adapts to.
 */
@NullMarked
package io.albtarget;

import org.jspecify.annotations.NullMarked;
