package io.albtarget.micronaut;

import io.albtarget.AlbSettings;
import io.albtarget.netty.AlbNetty;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.value.PropertyResolver;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.netty.handler.codec.http.HttpDecoderConfig;
import jakarta.inject.Singleton;

/**
 * Gives Netty's HTTP decoder room for what the ALB forwards: {@code micronaut.server.netty.max-initial-line-length}
 * and {@code max-header-size} become the limits of {@link AlbNetty#decoderConfig()} (a 16 KiB request line, 64 KiB of
 * header lines), where Micronaut's defaults (4 KiB and 8 KiB) would refuse requests the ALB passes on; one the
 * application sets is kept. Micronaut builds its codec from these settings, not from a decoder configuration.
 */
@Singleton
@Requires(beans = AlbSettings.class)
final class HeaderLimits implements BeanCreatedEventListener<NettyHttpServerConfiguration> {

    static final String MAX_INITIAL_LINE_LENGTH = "micronaut.server.netty.max-initial-line-length";
    static final String MAX_HEADER_SIZE = "micronaut.server.netty.max-header-size";

    private final PropertyResolver properties;

    HeaderLimits(PropertyResolver properties) {
        this.properties = properties;
    }

    @Override
    public NettyHttpServerConfiguration onCreated(BeanCreatedEvent<NettyHttpServerConfiguration> event) {
        NettyHttpServerConfiguration server = event.getBean();
        HttpDecoderConfig alb = AlbNetty.decoderConfig();
        if (!properties.containsProperty(MAX_INITIAL_LINE_LENGTH)) {
            server.setMaxInitialLineLength(alb.getMaxInitialLineLength());
        }
        if (!properties.containsProperty(MAX_HEADER_SIZE)) {
            server.setMaxHeaderSize(alb.getMaxHeaderSize());
        }
        return server;
    }
}
