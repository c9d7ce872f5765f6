package io.albtarget.health;

import io.albtarget.AlbSettings;
import io.albtarget.internal.Durations;
import io.albtarget.internal.Log;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * The drain sequence on shutdown: health fails first, the target keeps serving until the ALB must have stopped
 * routing to it, in-flight requests finish, then the server may stop.
 *
 * <ol>
 *   <li>DRAINING: health answers 503; every other request is still served, with {@code Connection: close}.</li>
 *   <li>Wait {@code alb.drain.wait}: by default unhealthy-threshold × interval + timeout (the time the ALB needs to
 *       see the target unhealthy), capped by the deregistration delay.</li>
 *   <li>Wait for in-flight requests, at most {@code alb.drain.timeout}.</li>
 *   <li>STOPPED: the caller stops the server.</li>
 * </ol>
 * Each phase is logged once, with its duration and where it came from; the first line names
 * {@code alb.drain.wait}, the setting that shortens the wait. {@link #cutShort()} ends the drain at once, e.g. on a
 * second shutdown signal.
 *
 * <pre>{@code
 * Drain drain = Drain.of(settings, health);
 * Runtime.getRuntime().addShutdownHook(drain.shutdownHook(tomcat::stop));
 * }</pre>
 *
 * <p>Instances are thread-safe.
 */
public final class Drain {

    private static final Log LOG = Log.of(Drain.class);
    private static final long POLL_MILLIS = 20;

    private final AlbSettings settings;
    private final AlbHealth health;
    // counted on every request by every worker thread: a LongAdder keeps them off one contended cache line
    private final LongAdder inFlight = new LongAdder();

    private Drain(AlbSettings settings, AlbHealth health) {
        this.settings = settings;
        this.health = health;
    }

    /** The drain sequence for a target group and its health. */
    public static Drain of(AlbSettings settings, AlbHealth health) {
        return new Drain(settings, health);
    }

    /** Counts a request as in flight until {@link #requestFinished()}. */
    public void requestStarted() {
        inFlight.increment();
    }

    /** Counts a request as finished. */
    public void requestFinished() {
        inFlight.decrement();
    }

    /** Requests in flight now. */
    public int inFlight() {
        return inFlight.intValue();
    }

    /** Whether responses should close their connection, so the ALB opens no new request on them. */
    public boolean closesConnections() {
        HealthState state = health.state();
        return state == HealthState.DRAINING || state == HealthState.STOPPED;
    }

    /**
     * Runs the whole sequence and returns once the server may stop. A call while another one drains waits for that
     * one to end, so every caller (a shutdown hook, the application) may stop the server when this returns. The
     * wait ends early when the server stops on its own ({@link #runWithoutWait()}).
     */
    public void run() {
        if (!health.markDraining()) {
            awaitStopped(settings.drainWait().plus(settings.drainTimeout()));
            return;
        }
        Duration wait = settings.drainWait();
        LOG.info("albtarget: draining; health answers 503, serving on for " + Durations.format(wait) + " ("
                + waitSource() + ")" + (settings.drainWaitSet() ? ""
                        : "; set alb.drain.wait (ALB_DRAIN_WAIT) to shorten it"));
        awaitStopped(wait);
        if (health.state() != HealthState.STOPPED) {
            finish();
        }
    }

    private void awaitStopped(Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (health.state() != HealthState.STOPPED && System.nanoTime() < deadline) {
            sleep(Math.min(POLL_MILLIS, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
        }
    }

    /**
     * Drains without the wait, for when the server is already stopping (a servlet context being destroyed):
     * health turns 503 and in-flight requests get up to {@code alb.drain.timeout} to finish.
     */
    public void runWithoutWait() {
        if (health.markDraining()) {
            LOG.info("albtarget: the server is stopping; draining without the wait");
        }
        if (health.state() != HealthState.STOPPED) {
            finish();
        }
    }

    private synchronized void finish() {
        Duration timeout = settings.drainTimeout();
        LOG.info("albtarget: drain wait over; waiting up to " + Durations.format(timeout) + " (alb.drain.timeout)"
                + " for " + inFlight.intValue() + " in-flight request(s)");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.sum() > 0 && System.nanoTime() < deadline && health.state() != HealthState.STOPPED) {
            sleep(POLL_MILLIS);
        }
        stop("drained");
    }

    /**
     * Cuts the drain short: health turns STOPPED at once, and a {@link #run()} or {@link #runWithoutWait()} in
     * progress returns within moments, without waiting longer for {@code alb.drain.wait} or for in-flight requests;
     * for whoever stops the server and wants it stopped now, e.g. on a second shutdown signal. Does nothing once
     * the drain is over. Interrupting a thread that waits in the drain cuts it short too.
     */
    public void cutShort() {
        stop("drain cut short");
    }

    private void stop(String how) {
        int left = inFlight.intValue();
        if (!health.stop()) {
            return;
        }
        String stopped = "albtarget: " + how + "; " + left + " request(s) still in flight, the server may stop";
        if (left == 0) {
            LOG.info(stopped);
        } else {
            LOG.warn(stopped);
        }
    }

    /**
     * A thread for {@link Runtime#addShutdownHook}: drains, then runs {@code stopServer}.
     */
    public Thread shutdownHook(Runnable stopServer) {
        return new Thread(() -> {
            run();
            stopServer.run();
        }, "albtarget-drain");
    }

    private String waitSource() {
        if (settings.drainWaitSet()) {
            return "alb.drain.wait";
        }
        Duration seen = settings.interval().multipliedBy(settings.unhealthyThreshold()).plus(settings.timeout());
        String derived = String.format(Locale.ROOT,
                "unhealthy-threshold %d x interval %s + timeout %s", settings.unhealthyThreshold(),
                Durations.format(settings.interval()), Durations.format(settings.timeout()));
        return seen.compareTo(settings.deregistrationDelay()) > 0
                ? derived + " = " + Durations.format(seen) + ", capped by alb.deregistration-delay"
                : derived;
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            // whoever interrupts a drain wants it over; waiting on would spin, every sleep failing at once
            Thread.currentThread().interrupt();
            cutShort();
        }
    }
}
