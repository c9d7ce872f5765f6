package io.albtarget.spring;

import io.albtarget.AlbTarget;
import io.albtarget.check.SelfCheckFailedException;
import io.albtarget.health.HealthState;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Keeps the target in step with the application's readiness: Spring Boot's {@code ReadinessState} and the target's
 * health state move together.
 *
 * <ul>
 *   <li>{@code ACCEPTING_TRAFFIC}, which Spring Boot publishes once the application is ready (its runners have run):
 *       the target starts serving, so health answers the matcher's code, and the self-check runs against the port
 *       the web server listens on. Not earlier: an ALB that saw the target healthy while the application still
 *       started would route requests to it.</li>
 *   <li>{@code REFUSING_TRAFFIC}, whoever publishes it (Spring Boot itself first thing when the context closes, or
 *       the application): the target drains, on a thread of its own: health answers 503 at once, requests are
 *       served with {@code Connection: close} for {@code alb.drain.wait}, then in-flight requests get up to
 *       {@code alb.drain.timeout}. A target that drained does not serve again.</li>
 *   <li>The context closes: the self-check stops, and the close waits for the drain to end. This happens on
 *       {@link ContextClosedEvent}, ahead of every other listener, rather than in a lifecycle phase: Spring's task
 *       executors stop taking tasks on that event, and requests served during the drain wait (a {@code Callable}
 *       handler among them) still need them; the web server's graceful shutdown and stop come later still, in
 *       the lifecycle phases.</li>
 * </ul>
 * A target that never started serving (the application failed while starting) drains without the wait: the ALB
 * never routed to it.
 */
final class TargetLifecycle {

    private final AlbTarget target;
    private final ApplicationContext context;
    private final StartupSelfCheck selfCheck;
    private final AtomicReference<@Nullable Thread> drain = new AtomicReference<>();
    private volatile @Nullable WebServer webServer;

    TargetLifecycle(AlbTarget target, ApplicationContext context, StartupSelfCheck selfCheck) {
        this.target = target;
        this.context = context;
        this.selfCheck = selfCheck;
    }

    @EventListener
    void webServerListens(WebServerInitializedEvent event) {
        // a management server on a port of its own publishes one too, from its own context
        if (event.getApplicationContext() == context) {
            webServer = event.getWebServer();
        }
    }

    @EventListener
    void readinessChanged(AvailabilityChangeEvent<ReadinessState> event) {
        switch (event.getState()) {
            case ACCEPTING_TRAFFIC -> serve();
            case REFUSING_TRAFFIC -> startDrain();
        }
    }

    private void serve() {
        target.start();
        WebServer server = webServer;
        if (server == null || target.health().state() != HealthState.SERVING) {
            return;
        }
        try {
            selfCheck.start(server);
        } catch (SelfCheckFailedException e) {
            // startup fails and the context closes: there is nothing to drain for
            target.drain().cutShort();
            throw e;
        }
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void contextClosed(ContextClosedEvent event) {
        if (event.getApplicationContext() != context) {
            return;
        }
        selfCheck.stop();
        if (drain.get() == null) {
            AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
        }
        Thread draining = startDrain();
        try {
            draining.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            target.drain().cutShort();
        }
    }

    /** Starts the drain once, health turning 503 before this returns; returns the thread that runs it. */
    private Thread startDrain() {
        Thread started = drain.get();
        if (started != null) {
            return started;
        }
        boolean served = target.health().state() != HealthState.STARTING;
        Thread thread = new Thread(served ? target.drain()::run : target.drain()::runWithoutWait,
                "albtarget-drain");
        thread.setDaemon(true);
        Thread other = drain.compareAndExchange(null, thread);
        if (other != null) {
            return other;
        }
        thread.start();
        awaitDraining(thread);
        return thread;
    }

    /** Health answers 503 once the drain has begun, which is its first step: the caller sees it at once. */
    private void awaitDraining(Thread thread) {
        while (thread.isAlive() && !target.drain().closesConnections()) {
            Thread.onSpinWait();
        }
    }
}
