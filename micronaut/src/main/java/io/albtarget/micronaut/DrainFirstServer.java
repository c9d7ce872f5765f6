package io.albtarget.micronaut;

import io.micronaut.http.server.netty.NettyEmbeddedServer;
import io.micronaut.http.server.netty.NettyEmbeddedServices;
import io.micronaut.http.server.netty.NettyHttpServer;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;

/**
 * The application's Netty server, which drains before it stops listening. Micronaut's own JVM shutdown hook
 * ({@code Micronaut.run}, on SIGTERM) stops the server first and the context only afterwards, and the server closes
 * its listener before it publishes any event: the drain has to run inside {@link #stop()}, ahead of Micronaut's.
 */
final class DrainFirstServer extends NettyHttpServer {

    private final TargetLifecycle lifecycle;

    DrainFirstServer(NettyHttpServerConfiguration configuration, NettyEmbeddedServices services,
            TargetLifecycle lifecycle) {
        super(configuration, services, true);
        this.lifecycle = lifecycle;
    }

    @Override
    public synchronized NettyEmbeddedServer stop() {
        if (isRunning()) {
            lifecycle.drainWhileListening();
        }
        return super.stop();
    }
}
