/**
 * {@code albtarget-doctor}: the self-check as a command line, against any HTTP or HTTPS target in any language.
 * {@code java -jar albtarget-doctor.jar http://10.0.3.17:8080 --path /health}.
 */
@NullMarked
package io.albtarget.compat.doctor;

import org.jspecify.annotations.NullMarked;
