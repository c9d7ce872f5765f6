package io.albtarget.compat.emulator;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The {@code X-Amzn-Trace-Id} the ALB sends a target: a new {@code Root=1-<epoch seconds hex>-<24 hex>}, or, when
 * the request has a {@code Root} already, a new {@code Self} field in front of the request's other fields.
 */
final class TraceId {

    private TraceId() {
    }

    static String forward(@Nullable String received, long epochSeconds) {
        String id = String.format(Locale.ROOT, "1-%08x-%012x%012x", epochSeconds,
                ThreadLocalRandom.current().nextLong(1L << 48), ThreadLocalRandom.current().nextLong(1L << 48));
        if (received == null || !received.contains("Root=")) {
            return "Root=" + id;
        }
        String others = Arrays.stream(received.split(";")).map(String::strip)
                .filter(field -> !field.isEmpty() && !field.startsWith("Self=")).collect(Collectors.joining(";"));
        return "Self=" + id + ";" + others;
    }
}
