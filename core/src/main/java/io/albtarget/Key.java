package io.albtarget;

import io.albtarget.internal.Durations;
import io.albtarget.internal.Printable;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Every {@code alb.*} setting: its property name, its environment variable and how its text is bound. */
enum Key {
    ENABLED("alb.enabled", (b, p, v) -> b.enabled(bool(p, v))),
    HEALTH_CHECK_PATH("alb.health-check.path", (b, p, v) -> b.healthCheckPath(v)),
    HEALTH_CHECK_PORT("alb.health-check.port", (b, p, v) -> {
        if (v.equalsIgnoreCase("traffic-port")) {
            b.healthCheckTrafficPort();
        } else {
            b.healthCheckPort(integer(p, v, "traffic-port or a port from 1 to 65535"));
        }
    }),
    HEALTH_CHECK_PROTOCOL("alb.health-check.protocol",
            (b, p, v) -> b.healthCheckProtocol(choice(p, v, AlbSettings.Protocol.class))),
    HEALTH_CHECK_MATCHER("alb.health-check.matcher", (b, p, v) -> b.matcher(SuccessCodes.parse(v))),
    HEALTH_CHECK_INTERVAL("alb.health-check.interval",
            (b, p, v) -> b.interval(Durations.parse(p, v))),
    HEALTH_CHECK_TIMEOUT("alb.health-check.timeout",
            (b, p, v) -> b.timeout(Durations.parse(p, v))),
    HEALTHY_THRESHOLD("alb.health-check.healthy-threshold", (b, p, v) -> b.healthyThreshold(
            integer(p, v, "a whole number from 2 to 10"))),
    UNHEALTHY_THRESHOLD("alb.health-check.unhealthy-threshold", (b, p, v) -> b.unhealthyThreshold(
            integer(p, v, "a whole number from 2 to 10"))),
    IDLE_TIMEOUT("alb.idle-timeout", (b, p, v) -> b.idleTimeout(Durations.parse(p, v))),
    DEREGISTRATION_DELAY("alb.deregistration-delay",
            (b, p, v) -> b.deregistrationDelay(Durations.parse(p, v))),
    PROTOCOL_VERSION("alb.protocol-version",
            (b, p, v) -> b.protocolVersion(choice(p, v, AlbSettings.ProtocolVersion.class))),
    TLS_BACKEND_POLICY("alb.tls.backend-policy", (b, p, v) -> b.tlsBackendPolicy(policy(v))),
    HOSTS_ALLOWED("alb.hosts.allowed", (b, p, v) -> b.allowedHosts(list(v))),
    HOSTS_ALLOWED_CIDRS("alb.hosts.allowed-cidrs", (b, p, v) -> b.allowedCidrs(list(v))),
    KEEP_ALIVE_MARGIN("alb.keep-alive.margin",
            (b, p, v) -> b.keepAliveMargin(Durations.parse(p, v))),
    SELF_CHECK("alb.self-check",
            (b, p, v) -> b.selfCheck(choice(p, v, AlbSettings.SelfCheckMode.class))),
    HEALTH_DEADLINE("alb.health.deadline", (b, p, v) -> b.healthDeadline(Durations.parse(p, v))),
    HEALTH_DETAILS("alb.health.details", (b, p, v) -> b.healthDetails(bool(p, v))),
    DRAIN_WAIT("alb.drain.wait", (b, p, v) -> b.drainWait(Durations.parse(p, v))),
    DRAIN_TIMEOUT("alb.drain.timeout", (b, p, v) -> b.drainTimeout(Durations.parse(p, v))),
    SELF_CHECK_REPORT("alb.self-check.report", (b, p, v) -> b.selfCheckReport(Path.of(v))),
    DESYNC_MITIGATION_MODE("alb.desync-mitigation-mode",
            (b, p, v) -> b.desyncMitigationMode(choice(p, v, AlbSettings.DesyncMitigationMode.class)));

    final String property;
    final String environment;
    private final Binder binder;

    Key(String property, Binder binder) {
        this.property = property;
        this.environment = property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        this.binder = binder;
    }

    void bind(AlbSettings.Builder builder, String value) {
        binder.bind(builder, property, value.strip());
    }

    @FunctionalInterface
    private interface Binder {
        void bind(AlbSettings.Builder builder, String property, String value);
    }

    private static boolean bool(String property, String value) {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "%s must be true or false, but was '%s'", property, Printable.of(value)));
    }

    private static int integer(String property, String value, String rule) {
        if (!value.isEmpty() && value.length() <= 9 && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Integer.parseInt(value);
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "%s must be %s, but was '%s'", property, rule, Printable.of(value)));
    }

    private static <E extends Enum<E>> E choice(String property, String value, Class<E> type) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        String allowed = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
                .reduce((a, c) -> a + ", " + c).orElse("");
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "%s must be one of %s, but was '%s'", property, allowed, Printable.of(value)));
    }

    private static AlbSettings.TlsPolicy policy(String value) {
        for (AlbSettings.TlsPolicy policy : AlbSettings.TlsPolicy.values()) {
            if (policy.policyName().equalsIgnoreCase(value)) {
                return policy;
            }
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "alb.tls.backend-policy must be ELBSecurityPolicy-2016-08 or ELBSecurityPolicy-TLS13-1-0-2021-06,"
                        + " but was '%s'", Printable.of(value)));
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
