package io.albtarget;

import io.albtarget.internal.Durations;
import io.albtarget.internal.Printable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The catalogue of albtarget's {@code alb.*} settings: each one's property, environment variable, allowed values,
 * meaning, and its value in given {@link AlbSettings} as text a user would type.
 *
 * <p>Whatever lists settings derives from this catalogue rather than naming them again: {@link
 * AlbSettings#toString()}, the binding of {@link AlbSettings#bind(Function)}, the README's settings table, and a
 * framework's configuration metadata and failure reports. The constants are in the order the README lists them.
 *
 * <p>The constants are immutable and thread-safe.
 * <pre>{@code
 * for (Setting setting : Setting.values()) {
 *     System.out.println(setting.property() + " = " + setting.value(AlbSettings.defaults()));
 * }
 * // alb.enabled = true
 * // alb.health-check.path = /health
 * // ...
 * }</pre>
 */
public enum Setting {
    ENABLED("alb.enabled", Boolean.class, "true, false",
            "Whether albtarget acts at all: false switches every behaviour off, and the other settings are then"
                    + " not checked.",
            s -> String.valueOf(s.enabled()), (b, p, v) -> b.enabled(bool(p, v))),
    HEALTH_CHECK_PATH("alb.health-check.path", String.class,
            "starts with /, up to 1024 characters, no spaces, control characters or #",
            "The target group's health-check path.",
            AlbSettings::healthCheckPath, (b, p, v) -> b.healthCheckPath(v)),
    HEALTH_CHECK_PORT("alb.health-check.port", String.class, "traffic-port or 1–65535",
            "The target group's health-check port.",
            Setting::port, Setting::port),
    HEALTH_CHECK_PROTOCOL("alb.health-check.protocol", "The target group's health-check protocol.",
            AlbSettings.Protocol.values(), Enum::name, AlbSettings::healthCheckProtocol,
            AlbSettings.Builder::healthCheckProtocol),
    HEALTH_CHECK_MATCHER("alb.health-check.matcher", String.class,
            "codes 200–499: one (200), a list (200,202) or a range (200-299)",
            "The target group's success codes; the health endpoint answers the lowest.",
            s -> s.matcher().toString(), (b, p, v) -> b.matcher(SuccessCodes.parse(v))),
    HEALTH_CHECK_INTERVAL("alb.health-check.interval", Duration.class, "5–300 s, greater than the timeout",
            "The target group's health-check interval.",
            s -> Durations.format(s.interval()), (b, p, v) -> b.interval(Durations.parse(p, v))),
    HEALTH_CHECK_TIMEOUT("alb.health-check.timeout", Duration.class, "2–120 s",
            "The target group's health-check timeout.",
            s -> Durations.format(s.timeout()), (b, p, v) -> b.timeout(Durations.parse(p, v))),
    HEALTHY_THRESHOLD("alb.health-check.healthy-threshold", Integer.class, "2–10",
            "Consecutive successful health checks before the ALB counts the target healthy.",
            s -> String.valueOf(s.healthyThreshold()),
            (b, p, v) -> b.healthyThreshold(integer(p, v, "a whole number from 2 to 10"))),
    UNHEALTHY_THRESHOLD("alb.health-check.unhealthy-threshold", Integer.class, "2–10",
            "Consecutive failed health checks before the ALB counts the target unhealthy.",
            s -> String.valueOf(s.unhealthyThreshold()),
            (b, p, v) -> b.unhealthyThreshold(integer(p, v, "a whole number from 2 to 10"))),
    IDLE_TIMEOUT("alb.idle-timeout", Duration.class, "1–4000 s",
            "The load balancer's idle timeout.",
            s -> Durations.format(s.idleTimeout()), (b, p, v) -> b.idleTimeout(Durations.parse(p, v))),
    DEREGISTRATION_DELAY("alb.deregistration-delay", Duration.class, "0–3600 s",
            "The target group's deregistration delay.",
            s -> Durations.format(s.deregistrationDelay()),
            (b, p, v) -> b.deregistrationDelay(Durations.parse(p, v))),
    PROTOCOL_VERSION("alb.protocol-version", "The target group's protocol version.",
            AlbSettings.ProtocolVersion.values(), Enum::name, AlbSettings::protocolVersion,
            AlbSettings.Builder::protocolVersion),
    TLS_BACKEND_POLICY("alb.tls.backend-policy",
            "The TLS policy the ALB offers an HTTPS target, which follows the listener's (the TLS13 one for an"
                    + " ELBSecurityPolicy-TLS13-* listener policy); unset, the self-check tries both.",
            AlbSettings.TlsPolicy.values(), AlbSettings.TlsPolicy::policyName, AlbSettings::tlsBackendPolicy,
            AlbSettings.Builder::tlsBackendPolicy),
    HOSTS_ALLOWED("alb.hosts.allowed", String.class, "comma-separated host names, none ending in a number",
            "Host names the application serves; empty accepts any well-formed name, and address literals are"
                    + " still checked.",
            s -> String.join(",", s.allowedHosts()), (b, p, v) -> b.allowedHosts(list(v))),
    HOSTS_ALLOWED_CIDRS("alb.hosts.allowed-cidrs", String.class, "comma-separated CIDRs such as 10.0.0.0/16",
            "Extra address ranges whose IP literals are accepted as Host, for ECS bridge mode and NAT.",
            s -> String.join(",", s.allowedCidrs()), (b, p, v) -> b.allowedCidrs(list(v))),
    KEEP_ALIVE_MARGIN("alb.keep-alive.margin", Duration.class, "0–3600 s",
            "How much longer than the ALB's idle timeout the server keeps idle connections open.",
            s -> Durations.format(s.keepAliveMargin()), (b, p, v) -> b.keepAliveMargin(Durations.parse(p, v))),
    SELF_CHECK("alb.self-check",
            "What the startup self-check does: log its report, also fail startup on a failed check, or not run.",
            AlbSettings.SelfCheckMode.values(), Setting::lowerCase, AlbSettings::selfCheck,
            AlbSettings.Builder::selfCheck),
    HEALTH_DEADLINE("alb.health.deadline", Duration.class, "1 ms – 120 s, less than the timeout",
            "The longest time a health indicator may hold up the health answer; unset, half the health-check"
                    + " timeout.",
            s -> Durations.format(s.healthDeadline()), (b, p, v) -> b.healthDeadline(Durations.parse(p, v))),
    HEALTH_DETAILS("alb.health.details", Boolean.class, "true, false",
            "Whether the health body lists indicator names and states.",
            s -> String.valueOf(s.healthDetails()), (b, p, v) -> b.healthDetails(bool(p, v))),
    DRAIN_WAIT("alb.drain.wait", Duration.class, "0–3600 s",
            "How long to keep serving after health turns 503; unset, unhealthy-threshold × interval + timeout,"
                    + " capped by the deregistration delay.",
            s -> Durations.format(s.drainWait()), (b, p, v) -> b.drainWait(Durations.parse(p, v))),
    DRAIN_TIMEOUT("alb.drain.timeout", Duration.class, "0–3600 s",
            "How long in-flight requests may take to finish after the drain wait.",
            s -> Durations.format(s.drainTimeout()), (b, p, v) -> b.drainTimeout(Durations.parse(p, v))),
    SELF_CHECK_REPORT("alb.self-check.report", String.class, "a file path",
            "The file the JSON self-check report is written to; empty writes none.",
            s -> s.selfCheckReport().map(Path::toString).orElse(""), (b, p, v) -> b.selfCheckReport(Path.of(v))),
    DESYNC_MITIGATION_MODE("alb.desync-mitigation-mode",
            "What happens to requests the ALB's desync rules flag, as the ALB's own"
                    + " routing.http.desync_mitigation_mode attribute.",
            AlbSettings.DesyncMitigationMode.values(), Setting::lowerCase, AlbSettings::desyncMitigationMode,
            AlbSettings.Builder::desyncMitigationMode);

    private static final String TRAFFIC_PORT = "traffic-port";

    private final String property;
    private final String environmentVariable;
    private final Class<?> valueType;
    private final String range;
    private final List<String> choices;
    private final String description;
    private final Function<AlbSettings, String> reader;
    private final Binder binder;

    Setting(String property, Class<?> valueType, String range, String description,
            Function<AlbSettings, String> reader, Binder binder) {
        this(property, valueType, range, List.of(), description, reader, binder);
    }

    Setting(String property, Class<?> valueType, String range, List<String> choices, String description,
            Function<AlbSettings, String> reader, Binder binder) {
        this.property = property;
        this.choices = choices;
        this.environmentVariable = property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        this.valueType = valueType;
        this.range = range;
        this.description = description;
        this.reader = reader;
        this.binder = binder;
    }

    /** A setting that takes one of an enum's constants, each written as {@code text} gives it. */
    <E extends Enum<E>> Setting(String property, String description, E[] choices, Function<E, String> text,
            Function<AlbSettings, E> reader, BiConsumer<AlbSettings.Builder, E> writer) {
        this(property, String.class, String.join(", ", texts(choices, text)), texts(choices, text), description,
                s -> text.apply(reader.apply(s)), (b, p, v) -> writer.accept(b, choice(p, v, choices, text)));
    }

    /** The property, e.g. {@code alb.health-check.path}. */
    public String property() {
        return property;
    }

    /**
     * The environment variable: the property in upper case with {@code .} and {@code -} as {@code _}, e.g.
     * {@code ALB_HEALTH_CHECK_PATH}.
     */
    public String environmentVariable() {
        return environmentVariable;
    }

    /**
     * What the value reads as, for configuration tooling: {@link String}, {@link Integer}, {@link Boolean} or
     * {@link Duration}. A choice, a list (comma-separated) or a path is a {@link String}.
     */
    public Class<?> valueType() {
        return valueType;
    }

    /** The allowed values as people read them, e.g. {@code 5–300 s, greater than the timeout}. */
    public String range() {
        return range;
    }

    /**
     * The values a setting that takes one of a few names accepts, as they are written (case does not matter when
     * bound), e.g. {@code monitor, defensive, strictest}; empty for every other setting.
     */
    public List<String> choices() {
        return choices;
    }

    /** What the setting means, in one sentence. */
    public String description() {
        return description;
    }

    /**
     * The setting's value in these settings, as text a user would type: binding it gives the same value back. A
     * setting derived from others when unset ({@code alb.health.deadline}, {@code alb.drain.wait}) reads as the
     * value derived, so {@code value(AlbSettings.defaults())} is the default in effect.
     *
     * @return the value, e.g. {@code 30s}; empty for an empty list and for an unset file
     */
    public String value(AlbSettings settings) {
        return reader.apply(settings);
    }

    /** Sets this setting in the builder from text a user typed. */
    void bind(AlbSettings.Builder builder, String value) {
        binder.bind(builder, property, value.strip());
    }

    @FunctionalInterface
    private interface Binder {
        void bind(AlbSettings.Builder builder, String property, String value);
    }

    private static String port(AlbSettings settings) {
        OptionalInt port = settings.healthCheckPort();
        return port.isPresent() ? String.valueOf(port.getAsInt()) : TRAFFIC_PORT;
    }

    private static void port(AlbSettings.Builder builder, String property, String value) {
        if (value.equalsIgnoreCase(TRAFFIC_PORT)) {
            builder.healthCheckTrafficPort();
        } else {
            builder.healthCheckPort(integer(property, value, TRAFFIC_PORT + " or a port from 1 to 65535"));
        }
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

    private static <E extends Enum<E>> E choice(String property, String value, E[] choices,
            Function<E, String> text) {
        for (E choice : choices) {
            if (text.apply(choice).equalsIgnoreCase(value)) {
                return choice;
            }
        }
        String allowed = choices.length == 2 ? text.apply(choices[0]) + " or " + text.apply(choices[1])
                : "one of " + String.join(", ", texts(choices, text));
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "%s must be %s, but was '%s'", property, allowed, Printable.of(value)));
    }

    private static <E extends Enum<E>> List<String> texts(E[] choices, Function<E, String> text) {
        return Arrays.stream(choices).map(text).toList();
    }

    private static String lowerCase(Enum<?> choice) {
        return choice.name().toLowerCase(Locale.ROOT);
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
