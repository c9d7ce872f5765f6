package io.albtarget.compat.health;

import java.util.Locale;

/** A target's health state, as the ELBv2 API's {@code TargetHealthStateEnum} names it. */
public enum TargetState {
    /** Registered; the first health check has not passed yet. */
    INITIAL,
    /** Passing health checks; receives requests. */
    HEALTHY,
    /** Failed the unhealthy threshold of consecutive checks; receives requests only when every target is. */
    UNHEALTHY,
    /** Deregistered; in-flight requests may finish until the deregistration delay elapses. */
    DRAINING,
    /** Not registered (any more). */
    UNUSED;

    /** The API's name, e.g. {@code healthy}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
