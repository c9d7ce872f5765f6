package io.albtarget.micronaut;

import io.albtarget.AlbTarget;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.server.netty.DefaultNettyEmbeddedServerFactory;
import io.micronaut.http.server.netty.NettyEmbeddedServer;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import jakarta.inject.Singleton;

/**
 * Makes the application's default server a {@link DrainFirstServer}, in place of the one Micronaut's factory builds,
 * from the same configuration and with the same factory as its services.
 */
@Factory
@Requires(beans = AlbTarget.class)
final class DrainFirstServerFactory {

    @Singleton
    @Primary
    @Replaces(factory = DefaultNettyEmbeddedServerFactory.class, bean = NettyEmbeddedServer.class)
    NettyEmbeddedServer drainFirstServer(NettyHttpServerConfiguration configuration,
            DefaultNettyEmbeddedServerFactory services, TargetLifecycle lifecycle) {
        return new DrainFirstServer(configuration, services, lifecycle);
    }
}
