package io.albtarget.micronaut;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.reactivestreams.Publisher;

/**
 * A Micronaut health indicator that answers UP only once released (and says when it is asked), in the contexts of the tests that set
 * {@code test.blocked-indicator}.
 */
@Singleton
@Requires(property = BlockedIndicator.SWITCH)
final class BlockedIndicator implements HealthIndicator {

    static final String SWITCH = "test.blocked-indicator";

    final CountDownLatch asked = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.fromCompletableFuture(() -> CompletableFuture.supplyAsync(() -> {
            asked.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return HealthResult.builder("blocked", HealthStatus.UP).build();
        }));
    }
}
