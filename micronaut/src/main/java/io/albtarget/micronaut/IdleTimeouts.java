package io.albtarget.micronaut;

import io.albtarget.AlbSettings;
import io.albtarget.internal.Log;
import io.albtarget.internal.keepalive.KeepAliveRequirement;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.value.PropertyResolver;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keeps the Netty server's idle connections open longer than the ALB does: {@code micronaut.server.idle-timeout},
 * {@code read-idle-timeout} and {@code write-idle-timeout} become {@code alb.idle-timeout} +
 * {@code alb.keep-alive.margin}, rounded up to whole seconds (Micronaut hands Netty's idle handler whole seconds),
 * unless the application sets them; one it sets is kept, with a warning when it is too low.
 *
 * <p>Micronaut's own default, 5 minutes, is long enough for most ALBs; it gives way all the same, so that the
 * server's timeout follows {@code alb.idle-timeout} (up to 4000 s) rather than a default that may change.
 */
@Singleton
@Requires(beans = AlbSettings.class)
final class IdleTimeouts implements BeanCreatedEventListener<NettyHttpServerConfiguration> {

    private static final Log LOG = Log.of(IdleTimeouts.class);
    /** The timeout that closes idle connections; the read and write ones only signal. */
    static final String IDLE_TIMEOUT = "micronaut.server.idle-timeout";
    private static final String PREFIX = "micronaut.server.";

    private final AlbSettings settings;
    private final PropertyResolver properties;

    IdleTimeouts(AlbSettings settings, PropertyResolver properties) {
        this.settings = settings;
        this.properties = properties;
    }

    @Override
    public NettyHttpServerConfiguration onCreated(BeanCreatedEvent<NettyHttpServerConfiguration> event) {
        NettyHttpServerConfiguration server = event.getBean();
        KeepAliveRequirement requirement = KeepAliveRequirement.of(settings);
        List<String> warnings = new ArrayList<>();
        decide(requirement, "idle-timeout", server::getIdleTimeout, server::setIdleTimeout, warnings);
        decide(requirement, "read-idle-timeout", server::getReadIdleTimeout, server::setReadIdleTimeout, warnings);
        decide(requirement, "write-idle-timeout", server::getWriteIdleTimeout, server::setWriteIdleTimeout,
                warnings);
        warnings.forEach(warning -> LOG.warn("albtarget: " + warning));
        return server;
    }

    private void decide(KeepAliveRequirement requirement, String name, Supplier<Duration> value,
            Consumer<Duration> set, List<String> warnings) {
        String property = PREFIX + name;
        Duration decided = requirement.decide(property, value.get(), properties.containsProperty(property),
                warnings);
        set.accept(wholeSeconds(decided));
    }

    private static Duration wholeSeconds(Duration duration) {
        Duration seconds = Duration.ofSeconds(duration.getSeconds());
        return seconds.equals(duration) ? seconds : seconds.plusSeconds(1);
    }
}
