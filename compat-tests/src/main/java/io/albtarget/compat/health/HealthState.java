package io.albtarget.compat.health;

import java.util.Locale;

/**
 * The ALB's state machine for one target: one passed check makes a new target healthy, the unhealthy threshold of
 * consecutive failures makes it unhealthy, the healthy threshold of consecutive successes makes it healthy again.
 * Deregistration ends it. Not thread-safe: its owner serializes the calls.
 */
final class HealthState {

    private final int healthyThreshold;
    private final int unhealthyThreshold;
    private TargetHealth health = TargetHealth.of(TargetState.INITIAL, ReasonCode.INITIAL_HEALTH_CHECKING);
    private int successes;
    private int failures;

    HealthState(int healthyThreshold, int unhealthyThreshold) {
        this.healthyThreshold = healthyThreshold;
        this.unhealthyThreshold = unhealthyThreshold;
    }

    TargetHealth health() {
        return health;
    }

    boolean checking() {
        return health.state() != TargetState.DRAINING && health.state() != TargetState.UNUSED;
    }

    /** Counts a check; returns whether the health changed. */
    boolean count(HealthCheckResult result) {
        if (!checking()) {
            return false;
        }
        if (result.passed()) {
            successes++;
            failures = 0;
            boolean recovered = health.state() == TargetState.UNHEALTHY && successes >= healthyThreshold;
            return (health.state() == TargetState.INITIAL || recovered) && change(TargetHealth.healthy());
        }
        failures++;
        successes = 0;
        ReasonCode reason = result.failure().orElseThrow();
        if (health.state() == TargetState.UNHEALTHY || failures >= unhealthyThreshold) {
            String description = reason == ReasonCode.RESPONSE_CODE_MISMATCH
                    ? String.format(Locale.ROOT, reason.description(), result.status().orElseThrow())
                    : reason.description();
            return change(TargetHealth.of(TargetState.UNHEALTHY, reason, description));
        }
        return false;
    }

    boolean deregister() {
        return checking() && change(TargetHealth.of(TargetState.DRAINING, ReasonCode.DEREGISTRATION_IN_PROGRESS));
    }

    boolean unused() {
        return change(TargetHealth.of(TargetState.UNUSED, ReasonCode.NOT_REGISTERED));
    }

    private boolean change(TargetHealth next) {
        boolean changed = !next.equals(health);
        health = next;
        return changed;
    }
}
