package io.albtarget.compat.emulator;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/** What the emulator answered and where it sent requests, for a test to explain every status it saw. */
final class Traffic {

    private final Map<Integer, AtomicLong> responses = new ConcurrentHashMap<>();
    private final Map<InetSocketAddress, AtomicLong> requests = new ConcurrentHashMap<>();
    private final List<ErrorEvent> errors = new CopyOnWriteArrayList<>();

    void routed(InetSocketAddress target) {
        requests.computeIfAbsent(target, t -> new AtomicLong()).incrementAndGet();
    }

    void answered(int status) {
        responses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
    }

    void failed(@Nullable InetSocketAddress target, int status, String reason) {
        errors.add(new ErrorEvent(Instant.now(), Optional.ofNullable(target), status, reason));
    }

    long responses(int status) {
        AtomicLong count = responses.get(status);
        return count == null ? 0 : count.get();
    }

    long requests(InetSocketAddress target) {
        AtomicLong count = requests.get(target);
        return count == null ? 0 : count.get();
    }

    List<ErrorEvent> errors() {
        return List.copyOf(errors);
    }
}
