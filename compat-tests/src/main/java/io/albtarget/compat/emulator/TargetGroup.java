package io.albtarget.compat.emulator;

import io.albtarget.AlbSettings;
import io.albtarget.compat.health.HealthCheckSimulator;
import io.albtarget.compat.health.TargetHealth;
import io.albtarget.compat.health.TargetState;
import io.albtarget.compat.health.TimeScale;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The registered targets, each with its health checker and connection pool, and the ALB's routing over them:
 * round robin over healthy targets; when every routable target is unhealthy, over all of them (fail open); none to
 * targets that are initial, draining or unused. Thread-safe.
 */
final class TargetGroup implements AutoCloseable {

    /** A registered target. */
    record Target(InetSocketAddress address, HealthCheckSimulator checker, BackendPool pool) {
    }

    private final AlbSettings settings;
    private final TimeScale scale;
    private final EventLoop loop;
    private final Map<InetSocketAddress, Target> targets = new LinkedHashMap<>();
    private int next;

    TargetGroup(AlbSettings settings, TimeScale scale, EventLoop loop) {
        this.settings = settings;
        this.scale = scale;
        this.loop = loop;
    }

    synchronized void register(InetSocketAddress address) {
        Target known = targets.get(address);
        if (known != null && known.checker().health().state() != TargetState.UNUSED) {
            throw new IllegalArgumentException("'target' " + address + " is registered already ("
                    + known.checker().health() + ")");
        }
        if (known != null) {
            known.checker().close();
        }
        HealthCheckSimulator checker = HealthCheckSimulator.of(address, settings, scale);
        BackendPool pool = new BackendPool(address, loop, settings.idleTimeout());
        checker.onChange(health -> {
            if (health.state() == TargetState.UNUSED) {
                loop.execute(() -> pool.closeAll("the deregistration delay elapsed with the request outstanding"));
            }
        });
        targets.put(address, new Target(address, checker, pool));
        checker.start();
    }

    void deregister(InetSocketAddress address) {
        target(address).checker().deregister();
    }

    Target target(InetSocketAddress address) {
        Target target;
        synchronized (this) {
            target = targets.get(address);
        }
        if (target == null) {
            throw new IllegalArgumentException("'target' " + address + " is not registered; registered: "
                    + healths().keySet());
        }
        return target;
    }

    synchronized Map<InetSocketAddress, TargetHealth> healths() {
        return targets.values().stream().collect(Collectors.toMap(Target::address, t -> t.checker().health(),
                (a, b) -> a, LinkedHashMap::new));
    }

    /** The target for the next request, or empty with the reason in {@code why}. */
    synchronized Optional<Target> route(StringBuilder why) {
        Map<Target, TargetState> states = targets.values().stream().collect(Collectors.toMap(t -> t,
                t -> t.checker().health().state(), (a, b) -> a, LinkedHashMap::new));
        List<Target> routable = states.entrySet().stream().filter(e -> e.getValue() != TargetState.DRAINING
                && e.getValue() != TargetState.UNUSED).map(Map.Entry::getKey).toList();
        List<Target> healthy = routable.stream().filter(t -> states.get(t) == TargetState.HEALTHY).toList();
        boolean failOpen = !routable.isEmpty() && routable.stream()
                .allMatch(t -> states.get(t) == TargetState.UNHEALTHY);
        List<Target> candidates = healthy.isEmpty() && failOpen ? routable : healthy;
        if (candidates.isEmpty()) {
            why.append(targets.isEmpty() ? "no registered target" : "no healthy target: " + healths());
            return Optional.empty();
        }
        return Optional.of(candidates.get(Math.floorMod(next++, candidates.size())));
    }

    @Override
    public synchronized void close() {
        targets.values().forEach(target -> target.checker().close());
    }
}
