package io.albtarget.compat.matrix;

/** Whether a server of the matrix runs with albtarget, or as its baseline: the same application without it. */
enum Mode {
    /** With albtarget, set up as its documentation says for the server, under the settings given. */
    ALBTARGET,
    /**
     * Without albtarget, at the server's defaults but for its idle timeout, scaled down as the ALB's is (see
     * {@link Server}).
     */
    BASELINE
}
