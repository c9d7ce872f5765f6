package io.albtarget.compat.health;

import io.albtarget.AlbSettings;
import io.albtarget.internal.Durations;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The ALB's health checker for one target, as one ALB node runs it.
 *
 * <p>Every check sends exactly the ALB's request ({@code GET} the health-check path, {@code Host} the target's IP
 * with the port unless it is the protocol's default, {@code Connection: close}, {@code User-Agent:
 * ELB-HealthChecker/2.0}, {@code Accept-Encoding: gzip, compressed}) on a new connection, over TLS when the
 * settings' health-check protocol is HTTPS, to the settings' health-check port or else the target's. The status
 * code is judged against the matcher within the (scaled) health-check timeout; a check that timed out, was refused
 * or cut short never passes.
 *
 * <p>The target starts {@code initial}; one passed check makes it {@code healthy}; the unhealthy threshold of
 * consecutive failures makes it {@code unhealthy} with the last failure's reason code; from there the healthy
 * threshold of consecutive successes makes it {@code healthy} again. {@link #deregister()} makes it {@code draining}
 * and, after the (scaled) deregistration delay, {@code unused}; checks stop once it drains.
 *
 * <pre>{@code
 * try (HealthCheckSimulator alb = HealthCheckSimulator.of(target, settings, TimeScale.dividedBy(10))) {
 *     alb.start();
 *     alb.awaitState(TargetState.HEALTHY, Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #start()} checks on a daemon thread of its own; {@link #close()} stops it.
 */
public final class HealthCheckSimulator implements AutoCloseable {

    private static final int KEPT_RESULTS = 20;

    private final HealthCheck check;
    private final Duration interval;
    private final Duration deregistrationDelay;
    private final HealthState state;
    private final Deque<HealthCheckResult> results = new ArrayDeque<>();
    private final List<Consumer<TargetHealth>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer;
    private @Nullable ScheduledFuture<?> checks;

    private HealthCheckSimulator(HealthCheck check, AlbSettings settings, TimeScale scale) {
        this.check = check;
        this.interval = scale.apply(settings.interval());
        this.deregistrationDelay = scale.apply(settings.deregistrationDelay());
        this.state = new HealthState(settings.healthyThreshold(), settings.unhealthyThreshold());
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "alb-health-check " + check.address());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * A health checker of this target; no check runs until {@link #checkOnce()} or {@link #start()}.
     *
     * @param target the target's traffic address; its IP goes into the {@code Host} header
     * @param settings the target group: path, port, protocol, matcher, interval, timeout, thresholds, delay
     * @param scale how much faster than real time interval, timeout and deregistration delay run
     * @throws IllegalArgumentException if the target's address is unresolved
     */
    public static HealthCheckSimulator of(InetSocketAddress target, AlbSettings settings, TimeScale scale) {
        Objects.requireNonNull(target, "'target' must not be null");
        Objects.requireNonNull(settings, "'settings' must not be null");
        Objects.requireNonNull(scale, "'scale' must not be null");
        if (target.isUnresolved()) {
            throw new IllegalArgumentException("'target' must be an IP address and port, but was unresolved "
                    + target.getHostString());
        }
        return new HealthCheckSimulator(HealthCheck.of(target, settings, scale), settings, scale);
    }

    /**
     * Runs one check now, on the calling thread, and counts it; a check of a draining or unused target is run but
     * not counted.
     */
    public HealthCheckResult checkOnce() {
        HealthCheckResult result = check.run();
        synchronized (this) {
            results.addLast(result);
            if (results.size() > KEPT_RESULTS) {
                results.removeFirst();
            }
            announce(state.count(result));
        }
        return result;
    }

    /**
     * Checks every (scaled) interval on this checker's own thread, the first check at once. A slow check does not
     * shift the schedule, as the ALB's does not.
     *
     * @throws IllegalStateException if already started, draining or closed
     */
    public synchronized void start() {
        if (checks != null || !state.checking() || timer.isShutdown()) {
            throw new IllegalStateException("the health checker of " + check.address() + " can start once, before"
                    + " deregistration and close, but it is " + (checks != null ? "started" : state.health()));
        }
        checks = timer.scheduleAtFixedRate(this::checkOnce, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Deregisters the target: it turns {@code draining} at once, checks stop, and after the (scaled) deregistration
     * delay it turns {@code unused}. Does nothing if already deregistered.
     */
    public synchronized void deregister() {
        if (!state.deregister()) {
            return;
        }
        if (checks != null) {
            checks.cancel(false);
        }
        announce(true);
        if (!timer.isShutdown()) {
            timer.schedule(this::unused, deregistrationDelay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private synchronized void unused() {
        announce(state.unused());
    }

    /** The target's health now. */
    public synchronized TargetHealth health() {
        return state.health();
    }

    /** The most recent checks, oldest first, at most 20 (or an empty list). */
    public synchronized List<HealthCheckResult> results() {
        return List.copyOf(results);
    }

    /**
     * Calls the listener with the new health whenever it changes, in order, on the thread that changed it and
     * while holding this checker's lock; the listener must not block.
     */
    public void onChange(Consumer<TargetHealth> listener) {
        listeners.add(Objects.requireNonNull(listener, "'listener' must not be null"));
    }

    /**
     * Waits until the target is in this state.
     *
     * @return the target's health in that state
     * @throws IllegalStateException if the state did not come within {@code max}, or can no longer come (the
     *     target is unused); the message gives the health now and the last check
     */
    public synchronized TargetHealth awaitState(TargetState wanted, Duration max) throws InterruptedException {
        Objects.requireNonNull(wanted, "'wanted' must not be null");
        long deadline = System.nanoTime() + max.toNanos();
        for (long left = max.toNanos(); state.health().state() != wanted; left = deadline - System.nanoTime()) {
            if (left <= 0 || state.health().state() == TargetState.UNUSED) {
                throw new IllegalStateException("target " + check.address() + " did not turn " + wanted.apiName()
                        + " within " + Durations.format(max) + ": it is " + state.health() + "; last check: "
                        + (results.isEmpty() ? "none" : results.getLast()));
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return state.health();
    }

    /**
     * Tells the listeners, then the waiters, under the lock: listeners hear every change in order, and a waiter
     * that sees a state knows its listeners have run.
     */
    private void announce(boolean changed) {
        if (changed) {
            TargetHealth health = state.health();
            listeners.forEach(listener -> listener.accept(health));
            notifyAll();
        }
    }

    /** Stops the checks and the deregistration timer; a check under way ends within its timeout. */
    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** {@code health checker of 127.0.0.1:8080: healthy}. */
    @Override
    public synchronized String toString() {
        return "health checker of " + check.address() + ": " + state.health();
    }
}
