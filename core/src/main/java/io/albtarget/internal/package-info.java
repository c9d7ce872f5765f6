/**
 * Implementation shared by albtarget's own modules. Not API: anything here may change in any release.
 */
@NullMarked
package io.albtarget.internal;

import org.jspecify.annotations.NullMarked;
