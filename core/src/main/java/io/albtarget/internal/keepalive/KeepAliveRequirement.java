package io.albtarget.internal.keepalive;

import io.albtarget.AlbSettings;
import io.albtarget.internal.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * How long a server must keep an idle connection open: longer than the ALB's idle timeout, by
 * {@code alb.keep-alive.margin}.
 *
 * <p>The ALB reuses an idle back-end connection until its own idle timeout. A server that closes it first races
 * the ALB's next request into a closing socket, and the client gets an HTTP 502. Server adapters set their idle
 * and keep-alive timeouts to {@link #serverIdleTimeout()}, or, where the user set one explicitly, keep it and
 * log {@link #shortfall} when it is too low.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class KeepAliveRequirement {

    private final Duration idleTimeout;
    private final Duration margin;

    private KeepAliveRequirement(Duration idleTimeout, Duration margin) {
        this.idleTimeout = idleTimeout;
        this.margin = margin;
    }

    /** The requirement of a load balancer. */
    public static KeepAliveRequirement of(AlbSettings settings) {
        return new KeepAliveRequirement(settings.idleTimeout(), settings.keepAliveMargin());
    }

    /** The idle timeout to give the server: {@code alb.idle-timeout} + {@code alb.keep-alive.margin}. */
    public Duration serverIdleTimeout() {
        return idleTimeout.plus(margin);
    }

    /** Whether a server idle timeout is long enough; zero or negative means the server never times out. */
    public boolean isMetBy(Duration serverIdleTimeout) {
        return serverIdleTimeout.isZero() || serverIdleTimeout.isNegative()
                || serverIdleTimeout.compareTo(serverIdleTimeout()) >= 0;
    }

    /**
     * Decides one idle-timeout setting of a server: a value the user did not set gives way to
     * {@link #serverIdleTimeout()}; a value the user set is kept, and when it is too low its {@link #shortfall} is
     * added to {@code warnings}. Server adapters count a value other than their server's default as set by the user.
     *
     * @param knob the setting as the user knows it, e.g. {@code Jetty connector idleTimeout}
     * @param configured the setting's value now
     * @param setByUser whether the user set it
     * @param warnings where the warning for a kept value below the requirement goes
     * @return the value to give the setting
     */
    public Duration decide(String knob, Duration configured, boolean setByUser, List<String> warnings) {
        if (!setByUser) {
            return serverIdleTimeout();
        }
        if (!isMetBy(configured)) {
            warnings.add(shortfall(knob, configured));
        }
        return configured;
    }

    /**
     * The warning for a server setting that is too low: what it is, what it must be, the symptom and the fix.
     *
     * @param knob the server setting, e.g. {@code Tomcat connector keepAliveTimeout}
     * @param configured its value
     */
    public String shortfall(String knob, Duration configured) {
        return String.format(Locale.ROOT, "%s is %s, below alb.idle-timeout %s + alb.keep-alive.margin %s = %s:"
                + " the server may close an idle connection just as the ALB reuses it, and clients get HTTP 502;"
                + " raise it to at least %s or remove the explicit setting", knob, Durations.format(configured),
                Durations.format(idleTimeout), Durations.format(margin), Durations.format(serverIdleTimeout()), Durations.format(serverIdleTimeout()));
    }

}
