package io.albtarget.compat.matrix;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one dependency of the application's health, such as its database: it answers at once, or, while a test makes
 * it hang, not until the test lets it go. Each platform's health indicator asks it.
 *
 * <p>Thread-safe.
 */
final class HealthDependency {

    private static final CompletableFuture<Void> ANSWERING = CompletableFuture.completedFuture(null);

    private final AtomicReference<CompletableFuture<Void>> answer = new AtomicReference<>(ANSWERING);

    /** Makes the dependency hang until the returned handle is closed. */
    AutoCloseable hang() {
        CompletableFuture<Void> held = new CompletableFuture<>();
        answer.set(held);
        return () -> release(held);
    }

    /** Lets every hang go, for a server that stops. */
    void releaseAll() {
        release(answer.get());
    }

    private void release(CompletableFuture<Void> held) {
        answer.compareAndSet(held, ANSWERING);
        held.complete(null);
    }

    /** Completes when the dependency answers: at once, or when the hang of the moment is let go. */
    CompletableFuture<Void> answered() {
        return answer.get();
    }

    /** Waits until the dependency answers, for a blocking health indicator. */
    void await() throws InterruptedException {
        try {
            answered().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a hang never fails", e);
        }
    }
}
