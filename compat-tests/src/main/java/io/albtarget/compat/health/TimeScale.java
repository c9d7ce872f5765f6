package io.albtarget.compat.health;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How much faster than real time the ALB's health-check and deregistration timings run in a test.
 *
 * <p>{@code TimeScale.dividedBy(10)} makes a health-check interval of 5 s last 500 ms. The scale applies to the
 * health-check interval and timeout, which the ALB (and {@link io.albtarget.AlbSettings}) cannot set below 5 s and
 * 2 s, and to the deregistration delay. The idle timeout is never scaled: the ALB accepts 1 s already.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class TimeScale {

    /** The largest factor: 5 s become 5 ms, about the resolution of a loaded machine's timers. */
    private static final int MAX_FACTOR = 1000;

    /** Real time: durations as the ALB uses them. */
    public static final TimeScale REAL = new TimeScale(1);

    private final int factor;

    private TimeScale(int factor) {
        this.factor = factor;
    }

    /**
     * Time running {@code factor} times faster than real time.
     *
     * @throws IllegalArgumentException unless the factor is from 1 to 1000
     */
    public static TimeScale dividedBy(int factor) {
        if (factor < 1 || factor > MAX_FACTOR) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "'factor' must be from 1 to %d, but was %d", MAX_FACTOR, factor));
        }
        return factor == 1 ? REAL : new TimeScale(factor);
    }

    /** How many times faster than real time. */
    public int factor() {
        return factor;
    }

    /**
     * The duration this scale makes of an ALB duration.
     *
     * @throws IllegalArgumentException if the duration is negative
     */
    public Duration apply(Duration albDuration) {
        Objects.requireNonNull(albDuration, "'albDuration' must not be null");
        if (albDuration.isNegative()) {
            throw new IllegalArgumentException("'albDuration' must not be negative, but was " + albDuration);
        }
        return albDuration.dividedBy(factor);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TimeScale && ((TimeScale) other).factor == factor;
    }

    @Override
    public int hashCode() {
        return factor;
    }

    /** {@code real time} or {@code 1/10 of real time}. */
    @Override
    public String toString() {
        return factor == 1 ? "real time" : "1/" + factor + " of real time";
    }
}
