package io.albtarget.spring;

import io.albtarget.AlbSettings;
import io.albtarget.internal.Log;
import io.albtarget.internal.keepalive.KeepAliveRequirement;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The web server's idle timeouts the application sets in its own properties: albtarget keeps them, and warns at
 * startup about each one below {@code alb.idle-timeout} + {@code alb.keep-alive.margin}, naming the property, its
 * value, the minimum and the fix.
 */
final class ExplicitIdleTimeouts {

    private static final Log LOG = Log.of(ExplicitIdleTimeouts.class);

    private ExplicitIdleTimeouts() {
    }

    /** Logs a warning for each of these properties that is set below the requirement. */
    static void warnBelowRequirement(Environment environment, AlbSettings settings, String... properties) {
        KeepAliveRequirement requirement = KeepAliveRequirement.of(settings);
        Binder binder = Binder.get(environment);
        for (String property : properties) {
            binder.bind(property, Duration.class).ifBound(value -> {
                if (!requirement.isMetBy(value)) {
                    LOG.warn("albtarget: " + requirement.shortfall(property, value));
                }
            });
        }
    }
}
