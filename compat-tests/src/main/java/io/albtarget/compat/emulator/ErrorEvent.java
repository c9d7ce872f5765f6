package io.albtarget.compat.emulator;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One response the emulator made up itself instead of a target's: when, for which target, which status and why,
 * e.g. {@code 502 from 127.0.0.1:8080: pooled connection reused after the target closed it}.
 *
 * @param time when the emulator answered
 * @param target the target the request went to, empty when none was routable
 * @param status the status answered: 502, 503 or 504
 * @param reason why, in one line
 */
public record ErrorEvent(Instant time, Optional<InetSocketAddress> target, int status, String reason) {

    /** Checks that no component is null. */
    public ErrorEvent {
        Objects.requireNonNull(time, "'time' must not be null");
        Objects.requireNonNull(target, "'target' must not be null");
        Objects.requireNonNull(reason, "'reason' must not be null");
    }

    /** {@code 503 (no target): no registered target}. */
    @Override
    public String toString() {
        return status + target.map(t -> " from " + t.getAddress().getHostAddress() + ":" + t.getPort())
                .orElse(" (no target)") + ": " + reason;
    }
}
