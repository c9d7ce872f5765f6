package io.albtarget.micronaut;

import io.albtarget.health.Drain;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A response publisher whose request counts as in flight for the drain from subscription until the publisher
 * completes, fails or is cancelled: a reactive handler's request stays counted while it still works.
 */
final class InFlight<T> implements Publisher<T> {

    private final Publisher<T> response;
    private final Drain drain;

    InFlight(Publisher<T> response, Drain drain) {
        this.response = response;
        this.drain = drain;
    }

    @Override
    public void subscribe(Subscriber<? super T> subscriber) {
        AtomicBoolean finished = new AtomicBoolean();
        Runnable finish = () -> {
            if (finished.compareAndSet(false, true)) {
                drain.requestFinished();
            }
        };
        drain.requestStarted();
        response.subscribe(new Subscriber<T>() {
            @Override
            public void onSubscribe(Subscription subscription) {
                subscriber.onSubscribe(new Subscription() {
                    @Override
                    public void request(long n) {
                        subscription.request(n);
                    }

                    @Override
                    public void cancel() {
                        finish.run();
                        subscription.cancel();
                    }
                });
            }

            @Override
            public void onNext(T item) {
                subscriber.onNext(item);
            }

            @Override
            public void onError(Throwable error) {
                finish.run();
                subscriber.onError(error);
            }

            @Override
            public void onComplete() {
                finish.run();
                subscriber.onComplete();
            }
        });
    }
}
