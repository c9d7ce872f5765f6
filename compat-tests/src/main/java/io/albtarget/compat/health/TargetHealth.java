package io.albtarget.compat.health;

import java.util.Objects;
import java.util.Optional;

/**
 * A target's health as the ALB reports it: state, reason code (none when healthy) and description, e.g.
 * {@code unhealthy Target.ResponseCodeMismatch: Health checks failed with these codes: [503]}.
 *
 * @param state the state
 * @param reason the reason code, empty when healthy
 * @param description the reason's description, empty when healthy
 */
public record TargetHealth(TargetState state, Optional<ReasonCode> reason, String description) {

    /** Checks that no component is null. */
    public TargetHealth {
        Objects.requireNonNull(state, "'state' must not be null");
        Objects.requireNonNull(reason, "'reason' must not be null");
        Objects.requireNonNull(description, "'description' must not be null");
    }

    static TargetHealth healthy() {
        return new TargetHealth(TargetState.HEALTHY, Optional.empty(), "");
    }

    static TargetHealth of(TargetState state, ReasonCode reason) {
        return new TargetHealth(state, Optional.of(reason), reason.description());
    }

    static TargetHealth of(TargetState state, ReasonCode reason, String description) {
        return new TargetHealth(state, Optional.of(reason), description);
    }

    /** {@code healthy}, or {@code unhealthy Target.Timeout: Request timed out}. */
    @Override
    public String toString() {
        return reason.map(code -> state.apiName() + " " + code + ": " + description).orElse(state.apiName());
    }
}
