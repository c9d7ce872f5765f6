package io.albtarget;

import io.albtarget.internal.Durations;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/** The range checks of settings, with messages that name the property, the range and the value. */
final class Ranges {

    private Ranges() {
    }

    static int requireBetween(String property, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s must be between %d and %d, but was %d", property, min, max, value));
        }
        return value;
    }

    static Duration requireBetween(String property, Duration value, Duration min, Duration max) {
        Objects.requireNonNull(value, () -> "'" + property + "' must not be null");
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s must be between %s and %s, but was %s",
                    property, Durations.format(min), Durations.format(max), format(value)));
        }
        return value;
    }

    /** The ALB takes these attributes in whole seconds; a fraction would silently differ from the target group. */
    static Duration requireSeconds(String property, Duration value, int minSeconds, int maxSeconds) {
        Duration min = Duration.ofSeconds(minSeconds);
        Duration max = Duration.ofSeconds(maxSeconds);
        requireBetween(property, value, min, max);
        if (value.toMillis() % 1000 != 0 || value.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s must be a whole number of seconds between %s and %s, but was %s", property,
                    Durations.format(min), Durations.format(max), format(value)));
        }
        return value;
    }

    private static String format(Duration value) {
        return value.isNegative() || value.getNano() % 1_000_000 != 0 ? value.toString() : Durations.format(value);
    }
}
