package io.albtarget.compat.matrix;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * A server of the matrix, started on 127.0.0.1: its port, its stop as on SIGTERM, a hard stop, and with albtarget the
 * application's health dependency.
 *
 * <p>Thread-safe; the server stops once, by whichever of {@link #shutdown()} and {@link #close()} comes first.
 */
final class RunningServer implements AutoCloseable {

    private final int port;
    private final Runnable shutdown;
    private final Runnable hardStop;
    private final @Nullable HealthDependency dependency;
    private final AtomicBoolean stopped = new AtomicBoolean();

    /**
     * @param shutdown stops the server as the platform does on SIGTERM, returning once it has stopped
     * @param hardStop stops it at once
     * @param dependency the application's health dependency as albtarget sees it; null for a baseline
     */
    RunningServer(int port, Runnable shutdown, Runnable hardStop, @Nullable HealthDependency dependency) {
        this.port = port;
        this.shutdown = shutdown;
        this.hardStop = hardStop;
        this.dependency = dependency;
    }

    /** The port the server listens on. */
    int port() {
        return port;
    }

    /** The address the ALB connects to. */
    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    /** {@code http://127.0.0.1:port}. */
    URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /**
     * Stops the server the way the platform does on SIGTERM (with albtarget: its drain first) and returns once it
     * has stopped.
     */
    void shutdown() {
        stop(shutdown);
    }

    /**
     * With albtarget, makes the application's health dependency hang until the returned handle is closed; empty
     * for a baseline, whose health albtarget does not answer.
     */
    Optional<AutoCloseable> hangDependency() {
        return dependency == null ? Optional.empty() : Optional.of(dependency.hang());
    }

    /** Stops the server at once: no drain, no grace. Does nothing once it has stopped. */
    @Override
    public void close() {
        stop(hardStop);
    }

    private void stop(Runnable how) {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        if (dependency != null) {
            // an indicator still hanging would hold a health thread past the server's life
            dependency.releaseAll();
        }
        how.run();
    }
}
