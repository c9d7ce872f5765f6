package io.albtarget.micronaut;

import io.albtarget.AlbSettings;
import io.albtarget.AlbTarget;
import io.albtarget.check.CheckTarget;
import io.albtarget.check.SelfCheck;
import io.albtarget.check.SelfCheckFailedException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Ties the target to the server's life.
 *
 * <ul>
 *   <li>The server listens ({@link ServerStartupEvent}): the target starts serving, so health answers the
 *       matcher's code, and the self-check runs against the port the server really listens on; with
 *       {@code alb.self-check=fail} a failed fast check fails the startup: the exception reaches whoever
 *       started the server ({@code Micronaut.run} included). The default server ({@link DrainFirstServer}) runs
 *       the check once its start is complete, so that a failed check can stop it again and free its port;
 *       Micronaut marks a server running only after the event.</li>
 *   <li>The context stops ({@link ShutdownEvent}, which Micronaut publishes before it destroys any bean): the
 *       self-check stops and the target drains, health answering 503 at once and responses closing their
 *       connections for {@code alb.drain.wait}, then in-flight requests get up to {@code alb.drain.timeout}. When
 *       the context is stopped or closed by the application ({@code ApplicationContext.close()}), the server
 *       is still running and accepting all along: it stops only afterwards.</li>
 *   <li>The server is stopped first: Micronaut's own JVM shutdown hook ({@code Micronaut.run}, on SIGTERM) stops
 *       the server and only then the context. The server ({@link DrainFirstServer}) drains the target, with the
 *       wait, before it stops listening; by the {@link ShutdownEvent} the drain is over.</li>
 *   <li>The server stopped without draining (a server the application built itself): by the time of the
 *       {@link ShutdownEvent} it accepts no more connections, so the target drains without the wait (in-flight
 *       requests still get up to {@code alb.drain.timeout}): the wait would only delay the exit.</li>
 * </ul>
 */
@Singleton
@Requires(beans = AlbTarget.class)
final class TargetLifecycle {

    private final AlbTarget target;
    private final AlbSettings settings;
    private final NettyHttpServerConfiguration server;
    private final AtomicReference<@Nullable SelfCheck> selfCheck = new AtomicReference<>();
    private volatile @Nullable EmbeddedServer listening;

    TargetLifecycle(AlbTarget target, AlbSettings settings, NettyHttpServerConfiguration server) {
        this.target = target;
        this.settings = settings;
        this.server = server;
    }

    @EventListener
    void serverListens(ServerStartupEvent event) {
        EmbeddedServer server = event.getSource();
        listening = server;
        target.start();
        if (!(server instanceof DrainFirstServer)) {
            // a server the application built: a failed check leaves it to the application to stop
            selfCheck(server);
        }
    }

    /**
     * Starts the self-check against the port the server listens on, over TLS when the server speaks HTTPS.
     *
     * @throws SelfCheckFailedException if {@code alb.self-check=fail} and the fast check failed; the target has
     *     drained without a wait, since the ALB never saw it healthy
     */
    void selfCheck(EmbeddedServer server) {
        // with micronaut.server.ssl.enabled the server's first listener, whose port it reports, is the HTTPS one
        SelfCheck check = SelfCheck.of(settings, CheckTarget.local(server.getPort())
                .tls("https".equals(server.getScheme()))
                .serverIdleTimeout(IdleTimeouts.IDLE_TIMEOUT, this.server.getIdleTimeout())
                .healthServedByAlbtarget(true));
        if (!selfCheck.compareAndSet(null, check)) {
            return;
        }
        try {
            check.start();
        } catch (SelfCheckFailedException e) {
            target.drain().cutShort();
            throw e;
        }
    }

    /**
     * The server is about to stop listening ({@link DrainFirstServer}): the self-check stops and the target drains
     * with the wait while the server still accepts.
     */
    void drainWhileListening() {
        stopSelfCheck();
        target.drain().run();
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void contextStops(ShutdownEvent event) {
        stopSelfCheck();
        EmbeddedServer running = listening;
        if (running != null && running.isRunning()) {
            target.drain().run();
        } else {
            target.drain().runWithoutWait();
        }
    }

    private void stopSelfCheck() {
        SelfCheck check = selfCheck.get();
        if (check != null) {
            check.stop();
        }
    }
}
