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
 * <p>The deadline belongs to the evaluation, not to the health check that waits for it: a check waits for an
 * evaluation at most until {@code alb.health.deadline} after that evaluation started. A check that finds an
 * evaluation started by an earlier check and already past its deadline answers at once, instead of waiting the
 * whole deadline again for a result already known to be late.
 *
 * <p>An evaluation that has been running longer than the health-check timeout counts as DOWN rather than as the
 * last result: the ALB would have timed out on it, and a dependency that hangs for good must not keep the target
 * in service forever.
 */
final class IndicatorRun {

    private final HealthIndicator indicator;
    private final long deadlineNanos;
    private final long staleNanos;
    private volatile @Nullable Status last;
    private @Nullable Evaluation inFlight;

    /** One evaluation of the indicator, and when it started. */
    record Evaluation(CompletableFuture<Status> result, long startedNanos) {
    }

    IndicatorRun(HealthIndicator indicator, long deadlineNanos, long staleNanos) {
        this.indicator = indicator;
        this.deadlineNanos = deadlineNanos;
        this.staleNanos = staleNanos;
    }

    HealthIndicator indicator() {
        return indicator;
    }

    /** The running evaluation, or a new one if none is running. */
    synchronized Evaluation start(Executor executor) {
        Evaluation running = inFlight;
        if (running != null && !running.result().isDone()) {
            return running;
        }
        Evaluation started = new Evaluation(CompletableFuture.supplyAsync(this::check, executor), System.nanoTime());
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

    /**
     * The evaluation's result if it arrives within its deadline; else the last result, or DOWN when there is none
     * or the evaluation has been running longer than the health-check timeout.
     */
    Status await(Evaluation evaluation) {
        long left = evaluation.startedNanos() + deadlineNanos - System.nanoTime();
        try {
            return evaluation.result().get(Math.max(0, left), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            Status previous = last;
            boolean stale = System.nanoTime() - evaluation.startedNanos() > staleNanos;
            return previous == null || stale ? Status.DOWN : previous;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Status.DOWN;
        }
    }
}
