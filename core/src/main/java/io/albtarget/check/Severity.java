package io.albtarget.check;

/** How a finding bears on the target's life behind the ALB. */
public enum Severity {
    /** As the ALB needs it. */
    PASS,
    /** Works, but at a risk or a cost the finding names. */
    WARN,
    /** The ALB will show the finding's symptom. */
    FAIL,
    /** Not checked, for the reason the finding gives. */
    SKIP
}
