package io.albtarget.check;

import io.albtarget.internal.probe.Exchange;

/** The ALB symptoms findings name: health-check reason codes, and what clients get. */
final class Symptom {

    static final String RESPONSE_CODE_MISMATCH = "Target.ResponseCodeMismatch";
    static final String TIMEOUT = "Target.Timeout";
    static final String FAILED_HEALTH_CHECKS = "Target.FailedHealthChecks";
    static final String HTTP_502 = "HTTP 502";
    static final String HTTP_504 = "HTTP 504";
    static final String DESYNC = "request desync";
    static final String IDLE_CONNECTIONS_PILE_UP = "idle connections pile up";

    private Symptom() {
    }

    /** What the ALB's health checker shows for an exchange that did not complete. */
    static String of(Exchange incomplete) {
        return incomplete.outcome() == Exchange.Outcome.TIMED_OUT ? TIMEOUT : FAILED_HEALTH_CHECKS;
    }
}
