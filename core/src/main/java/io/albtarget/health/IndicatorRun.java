package io.albtarget.health;

import io.albtarget.spi.HealthIndicator;
import io.albtarget.spi.HealthIndicator.Status;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * One indicator's evaluations: at most one in flight, its last result kept for when the next one is late.
 *
 * <p>An evaluation that has been running longer than the health-check timeout counts as DOWN rather than as the
 * last result: the ALB would have timed out on it, and a dependency that hangs for good must not keep the target
 * in service forever.
 */
final class IndicatorRun {

    private final HealthIndicator indicator;
    private final long staleNanos;
    private volatile @Nullable Status last;
    private @Nullable CompletableFuture<Status> inFlight;
    private long startedNanos;

    IndicatorRun(HealthIndicator indicator, long staleNanos) {
        this.indicator = indicator;
        this.staleNanos = staleNanos;
    }

    HealthIndicator indicator() {
        return indicator;
    }

    /** The running evaluation, or a new one if none is running. */
    synchronized CompletableFuture<Status> start(Executor executor) {
        CompletableFuture<Status> running = inFlight;
        if (running != null && !running.isDone()) {
            return running;
        }
        startedNanos = System.nanoTime();
        CompletableFuture<Status> started = CompletableFuture.supplyAsync(this::check, executor);
        inFlight = started;
        return started;
    }

    private Status check() {
        Status status;
        try {
            status = indicator.check() == Status.UP ? Status.UP : Status.DOWN;
        } catch (Exception | LinkageError e) {
            status = Status.DOWN;
        }
        last = status;
        return status;
    }

    /** The evaluation's result if it arrives before the deadline, else the last one, else DOWN. */
    Status await(CompletableFuture<Status> evaluation, long deadlineNanos) {
        try {
            return evaluation.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            Status previous = last;
            return previous == null || runningLongerThanStale() ? Status.DOWN : previous;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Status.DOWN;
        }
    }

    private synchronized boolean runningLongerThanStale() {
        CompletableFuture<Status> running = inFlight;
        return running != null && !running.isDone() && System.nanoTime() - startedNanos > staleNanos;
    }
}
