package io.albtarget.micronaut;

import io.albtarget.AlbSettings;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.value.PropertyResolver;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import jakarta.inject.Singleton;

/**
 * Gives Netty's HTTP decoder room for what the ALB forwards: {@code micronaut.server.netty.max-initial-line-length}
 * and {@code max-header-size} become the ALB's own limits (a 16 KiB request line, 64 KiB of header lines), where
 * Micronaut's defaults (4 KiB and 8 KiB) would refuse requests the ALB passes on; one the application sets is kept.
 *
 * <p>The limits are those of {@code AlbNetty.decoderConfig()}, which cannot serve here: Micronaut builds its codec
 * from these two settings, and the Netty that Micronaut 4.10's platform brings (4.2.9) lacks decoder options that
 * {@code decoderConfig()} sets.
 */
@Singleton
@Requires(beans = AlbSettings.class)
final class HeaderLimits implements BeanCreatedEventListener<NettyHttpServerConfiguration> {

    static final String MAX_INITIAL_LINE_LENGTH = "micronaut.server.netty.max-initial-line-length";
    static final String MAX_HEADER_SIZE = "micronaut.server.netty.max-header-size";

    private static final int ALB_REQUEST_LINE_BYTES = 16 * 1024;
    private static final int ALB_HEADER_BYTES = 64 * 1024;

    private final PropertyResolver properties;

    HeaderLimits(PropertyResolver properties) {
        this.properties = properties;
    }

    @Override
    public NettyHttpServerConfiguration onCreated(BeanCreatedEvent<NettyHttpServerConfiguration> event) {
        NettyHttpServerConfiguration server = event.getBean();
        if (!properties.containsProperty(MAX_INITIAL_LINE_LENGTH)) {
            server.setMaxInitialLineLength(ALB_REQUEST_LINE_BYTES);
        }
        if (!properties.containsProperty(MAX_HEADER_SIZE)) {
            server.setMaxHeaderSize(ALB_HEADER_BYTES);
        }
        return server;
    }
}
