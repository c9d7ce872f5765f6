package io.albtarget.compat.health;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One health check: whether it passed, the status code if one came, the reason code of a failure, how long it took
 * and one line on what happened, e.g. {@code code 503 not in matcher "200"} or {@code connection refused}.
 *
 * @param passed whether the ALB counts the check as a success
 * @param status the response's status code, empty when none came
 * @param failure the reason code of a failed check, empty when it passed
 * @param elapsed from the start of the connect to the end of the check
 * @param detail what happened, in one line
 */
public record HealthCheckResult(boolean passed, OptionalInt status, Optional<ReasonCode> failure, Duration elapsed,
        String detail) {

    /** Checks that no component is null and that a failure has a reason code and a success none. */
    public HealthCheckResult {
        Objects.requireNonNull(status, "'status' must not be null");
        Objects.requireNonNull(failure, "'failure' must not be null");
        Objects.requireNonNull(elapsed, "'elapsed' must not be null");
        Objects.requireNonNull(detail, "'detail' must not be null");
        if (passed == failure.isPresent()) {
            throw new IllegalArgumentException("'failure' must be present exactly when the check failed, but was "
                    + failure + " for passed=" + passed);
        }
    }

    /** {@code passed: 200 in 3 ms} or {@code failed (Target.Timeout): timed out after 200ms}. */
    @Override
    public String toString() {
        return (passed ? "passed" : "failed (" + failure.orElseThrow() + ")") + ": " + detail;
    }
}
