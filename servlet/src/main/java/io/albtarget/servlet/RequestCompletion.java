package io.albtarget.servlet;

import io.albtarget.health.Drain;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletRequest;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The end of a request the drain counts in flight: when the filter chain returns, or, for a request that went
 * asynchronous, when its async cycle ends.
 *
 * <p>An async request's count ends on the first of complete, error and timeout. The application's own listeners
 * were added before this one and hear the event first, so by then its work on the response is over; what is left
 * is the container's completion, which does not wait for a drain. Counting only to {@code onComplete} would hold
 * the drain to {@code alb.drain.timeout} should a container ever miss it.
 */
final class RequestCompletion implements AsyncListener {

    private final Drain drain;
    private final AtomicBoolean finished = new AtomicBoolean();

    private RequestCompletion(Drain drain) {
        this.drain = drain;
    }

    /**
     * Ends the count of a request whose filter chain has returned (or thrown): now, or once the async cycle it
     * started ends. Only an async request costs a listener.
     */
    static void finishWhenDone(Drain drain, ServletRequest request) {
        if (request.isAsyncStarted()) {
            try {
                request.getAsyncContext().addListener(new RequestCompletion(drain));
                return;
            } catch (IllegalStateException e) {
                // the async cycle ended between the two calls: the response is done
            }
        }
        drain.requestFinished();
    }

    private void finish() {
        if (finished.compareAndSet(false, true)) {
            drain.requestFinished();
        }
    }

    @Override
    public void onComplete(AsyncEvent event) {
        finish();
    }

    @Override
    public void onError(AsyncEvent event) {
        finish();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        finish();
    }

    /** A new async cycle on the same request drops its listeners: this one stays, to hear that cycle end. */
    @Override
    public void onStartAsync(AsyncEvent event) {
        event.getAsyncContext().addListener(this);
    }
}
