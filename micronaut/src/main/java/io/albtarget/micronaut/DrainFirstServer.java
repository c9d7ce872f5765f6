package io.albtarget.micronaut;

import io.micronaut.http.server.netty.NettyEmbeddedServer;
import io.micronaut.http.server.netty.NettyEmbeddedServices;
import io.micronaut.http.server.netty.NettyHttpServer;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;

/**
 * The application's Netty server, which drains before it stops listening and runs the self-check once it listens.
 * Micronaut's own JVM shutdown hook ({@code Micronaut.run}, on SIGTERM) stops the server first and the context only
 * afterwards, and the server closes its listener before it publishes any event: the drain has to run inside
 * {@link #stop()}, ahead of Micronaut's. A failed self-check ({@code alb.self-check=fail}) stops the server before
 * the failure reaches whoever started it, so that its port is free again.
 */
final class DrainFirstServer extends NettyHttpServer {

    private final TargetLifecycle lifecycle;

    DrainFirstServer(NettyHttpServerConfiguration configuration, NettyEmbeddedServices services,
            TargetLifecycle lifecycle) {
        super(configuration, services, true);
        this.lifecycle = lifecycle;
    }

    @Override
    public synchronized NettyEmbeddedServer start() {
        super.start();
        try {
            lifecycle.selfCheck(this);
        } catch (RuntimeException e) {
            // unlike stop(), which leaves the listener to close with the event loops in the background, this
            // returns once the port is free; then the context stops, as it would with the server
            stopServerOnly();
            getApplicationContext().stop();
            throw e;
        }
        return this;
    }

    @Override
    public synchronized NettyEmbeddedServer stop() {
        if (isRunning()) {
            lifecycle.drainWhileListening();
        }
        return super.stop();
    }
}
