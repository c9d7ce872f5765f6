package io.albtarget.micronaut;

import io.albtarget.spi.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * One of Micronaut management's health indicators as an albtarget indicator, so that it runs under albtarget's
 * deadline: a slow indicator never holds the ALB's health answer past {@code alb.health.deadline}.
 *
 * <p>DOWN when any result it publishes is not operational ({@code DOWN}, or a custom status marked so); UP
 * otherwise, {@code UNKNOWN} included, as Micronaut's health endpoint counts it.
 */
final class MicronautIndicator implements HealthIndicator {

    private final String name;
    private final io.micronaut.management.health.indicator.HealthIndicator indicator;

    MicronautIndicator(io.micronaut.management.health.indicator.HealthIndicator indicator) {
        this.name = indicator.getClass().getSimpleName();
        this.indicator = indicator;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Status check() {
        return results().stream().allMatch(result -> result.getStatus().getOperational().orElse(true))
                ? Status.UP : Status.DOWN;
    }

    /** Every result the indicator publishes; albtarget's deadline bounds how long the check is waited for. */
    private List<HealthResult> results() {
        CompletableFuture<List<HealthResult>> all = new CompletableFuture<>();
        indicator.getResult().subscribe(new Subscriber<HealthResult>() {
            private final List<HealthResult> results = new ArrayList<>();

            @Override
            public void onSubscribe(Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(HealthResult result) {
                results.add(result);
            }

            @Override
            public void onError(Throwable error) {
                all.completeExceptionally(error);
            }

            @Override
            public void onComplete() {
                all.complete(results);
            }
        });
        return all.join();
    }
}
