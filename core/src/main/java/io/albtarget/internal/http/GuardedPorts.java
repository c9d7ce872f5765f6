package io.albtarget.internal.http;

import java.util.HashMap;
import java.util.Map;

/**
 * The local ports whose every connection passes a {@link RequestHeadGuard}: the server adapters register a port
 * when their guarded listener binds it and unregister it when it closes. The filter asks, per request, whether the
 * guard has already judged the request's bytes; if so it leaves the byte-level rules to the guard and applies only
 * what the parsed request shows (the Host, a body on a GET). A port without a guard gets every rule the parsed
 * request allows.
 *
 * <p>A port counts once per listener that registered it, so two listeners on one port (on different addresses)
 * must both be guarded or neither. Thread-safe; the lookup reads one word.
 */
public final class GuardedPorts {

    private static final Map<Integer, Integer> REGISTERED = new HashMap<>();
    private static volatile long[] bits = new long[1024];

    private GuardedPorts() {
    }

    /** A guarded listener bound this port. */
    public static synchronized void register(int port) {
        check(port);
        REGISTERED.merge(port, 1, Integer::sum);
        publish();
    }

    /** A guarded listener on this port closed. */
    public static synchronized void unregister(int port) {
        check(port);
        REGISTERED.computeIfPresent(port, (p, count) -> count == 1 ? null : count - 1);
        publish();
    }

    /** Whether connections accepted on this local port pass a guard. */
    public static boolean isGuarded(int port) {
        return port > 0 && port < 65536 && (bits[port >>> 6] & 1L << port) != 0;
    }

    private static void publish() {
        long[] next = new long[1024];
        for (int port : REGISTERED.keySet()) {
            next[port >>> 6] |= 1L << port;
        }
        bits = next;
    }

    private static void check(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("'port' must be between 1 and 65535, but was " + port);
        }
    }
}
