package io.albtarget;

import io.albtarget.internal.Durations;
import io.albtarget.internal.Printable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The target group and load balancer a target sits behind, as far as the target's behaviour depends on them.
 *
 * <p>Every albtarget behaviour is derived from these settings: what the health endpoint answers, which Host
 * headers are the ALB's own, how long keep-alive must last, how long to drain. Values are validated against the
 * ranges the ALB itself accepts, so a setting that the ALB would refuse fails here with the property, the range
 * and the value given, e.g. {@code alb.health-check.interval must be between 5s and 300s, but was 2s}.
 *
 * <p>Build one in code, bind one from flat {@code alb.*} properties and {@code ALB_*} environment variables, or
 * bind one from a framework's property source; {@link Setting} lists every setting:
 * <pre>{@code
 * AlbSettings settings = AlbSettings.builder()
 *         .healthCheckPath("/health")
 *         .matcher(SuccessCodes.parse("200-299"))
 *         .idleTimeout(Duration.ofSeconds(120))
 *         .build();
 *
 * AlbSettings bound = AlbSettings.bind(Map.of("alb.health-check.path", "/health"), System.getenv());
 * AlbSettings fromSpring = AlbSettings.bind(environment::getProperty);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class AlbSettings {

    /** The health-check protocol of the target group. */
    public enum Protocol {
        HTTP,
        HTTPS
    }

    /** The protocol version the ALB speaks to targets. */
    public enum ProtocolVersion {
        HTTP1,
        HTTP2,
        GRPC
    }

    /** The TLS policy the ALB offers when it connects to an HTTPS target. */
    public enum TlsPolicy {
        ELB_SECURITY_POLICY_2016_08("ELBSecurityPolicy-2016-08"),
        ELB_SECURITY_POLICY_TLS13_1_0_2021_06("ELBSecurityPolicy-TLS13-1-0-2021-06");

        private final String policyName;

        TlsPolicy(String policyName) {
            this.policyName = policyName;
        }

        /** The policy's name as AWS writes it, e.g. {@code ELBSecurityPolicy-2016-08}. */
        public String policyName() {
            return policyName;
        }

        @Override
        public String toString() {
            return policyName;
        }
    }

    /** What the startup self-check does with its findings. */
    public enum SelfCheckMode {
        /** Log the report. */
        LOG,
        /** Log the report and fail startup on any failed check. */
        FAIL,
        /** Do not run the self-check. */
        OFF
    }

    /**
     * What albtarget does with a request the ALB's desync classification flags (its
     * {@code routing.http.desync_mitigation_mode}); see {@link io.albtarget.http.DesyncReason}.
     */
    public enum DesyncMitigationMode {
        /** Serve every request the server accepts; count and log at DEBUG what the ALB would have done. */
        MONITOR,
        /**
         * The ALB's default: serve compliant requests and those with no defined risk, serve a GET or HEAD with a
         * body on a connection closed afterwards, refuse the rest with 400.
         */
        DEFENSIVE,
        /** Refuse every request that is not compliant. */
        STRICTEST
    }

    private static final AlbSettings DEFAULTS = new Builder().build();

    private final String healthCheckPath;
    private final int healthCheckPort;
    private final Protocol healthCheckProtocol;
    private final SuccessCodes matcher;
    private final Duration interval;
    private final Duration timeout;
    private final int healthyThreshold;
    private final int unhealthyThreshold;
    private final Duration idleTimeout;
    private final Duration deregistrationDelay;
    private final ProtocolVersion protocolVersion;
    private final TlsPolicy tlsBackendPolicy;
    private final boolean tlsBackendPolicySet;
    private final List<String> allowedHosts;
    private final List<String> allowedCidrs;
    private final Duration keepAliveMargin;
    private final SelfCheckMode selfCheck;
    private final boolean enabled;
    private final @Nullable Duration healthDeadline;
    private final boolean healthDetails;
    private final @Nullable Duration drainWait;
    private final Duration drainTimeout;
    private final @Nullable Path selfCheckReport;
    private final DesyncMitigationMode desyncMitigationMode;

    private AlbSettings(Builder b) {
        healthCheckPath = b.healthCheckPath;
        healthCheckPort = b.healthCheckPort;
        healthCheckProtocol = b.healthCheckProtocol;
        matcher = b.matcher;
        interval = b.interval;
        timeout = b.timeout;
        healthyThreshold = b.healthyThreshold;
        unhealthyThreshold = b.unhealthyThreshold;
        idleTimeout = b.idleTimeout;
        deregistrationDelay = b.deregistrationDelay;
        protocolVersion = b.protocolVersion;
        tlsBackendPolicy = b.tlsBackendPolicy;
        tlsBackendPolicySet = b.tlsBackendPolicySet;
        allowedHosts = b.allowedHosts;
        allowedCidrs = b.allowedCidrs;
        keepAliveMargin = b.keepAliveMargin;
        selfCheck = b.selfCheck;
        enabled = b.enabled;
        healthDeadline = b.healthDeadline;
        healthDetails = b.healthDetails;
        drainWait = b.drainWait;
        drainTimeout = b.drainTimeout;
        selfCheckReport = b.selfCheckReport;
        desyncMitigationMode = b.desyncMitigationMode;
    }

    /** The ALB's defaults and albtarget's own. */
    public static AlbSettings defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Binds settings from a framework's own property source, which applies its own precedence and names: Spring's
     * {@code Environment::getProperty}, for instance, also finds {@code alb.health-check.path} as the environment
     * variable {@code ALB_HEALTH_CHECK_PATH}.
     * <pre>{@code
     * AlbSettings settings = AlbSettings.bind(environment::getProperty);
     * }</pre>
     *
     * <p>The lookup is asked once for each {@link Setting#property()}, in catalogue order; {@code null} or a blank
     * value leaves the setting at its default. When {@code alb.enabled} is {@code false} every other value is
     * ignored, so the switch works even while another value is broken.
     *
     * @param lookup the value of a property, or {@code null} when it is not set
     * @return the validated settings
     * @throws InvalidSettingsException naming each invalid value with its property, the allowed range and the value
     *     given
     */
    public static AlbSettings bind(Function<String, @Nullable String> lookup) {
        return SettingsBinder.bind(lookup);
    }

    /**
     * Binds settings from flat {@code alb.*} properties and {@code ALB_*} environment variables.
     *
     * <p>A property wins over the environment variable of the same setting ({@code alb.health-check.path} and
     * {@code ALB_HEALTH_CHECK_PATH}); unset settings keep their defaults; a blank value counts as unset. When
     * {@code alb.enabled} is {@code false} every other value is ignored, so the switch works even while
     * another value is broken.
     *
     * @param properties flat properties; keys that do not start with {@code alb.} are ignored
     * @param environment environment variables; names that do not start with {@code ALB_} are ignored, and an
     *     unknown {@code ALB_*} name is logged as a warning rather than refused, since deployment tools set
     *     unrelated variables with that prefix
     * @return the validated settings
     * @throws InvalidSettingsException naming each unknown {@code alb.*} property (with the closest known one) and
     *     each invalid value (with its property, the allowed range and the value given)
     */
    public static AlbSettings bind(Map<String, String> properties, Map<String, String> environment) {
        return SettingsBinder.bind(properties, environment);
    }

    /** The health-check path, {@code alb.health-check.path}; default {@code /health}. */
    public String healthCheckPath() {
        return healthCheckPath;
    }

    /** The health-check port, {@code alb.health-check.port}; empty for {@code traffic-port}, the default. */
    public OptionalInt healthCheckPort() {
        return healthCheckPort == 0 ? OptionalInt.empty() : OptionalInt.of(healthCheckPort);
    }

    /** The health-check protocol, {@code alb.health-check.protocol}; default HTTP. */
    public Protocol healthCheckProtocol() {
        return healthCheckProtocol;
    }

    /** The success codes, {@code alb.health-check.matcher}; default {@code 200}. */
    public SuccessCodes matcher() {
        return matcher;
    }

    /** The health-check interval, {@code alb.health-check.interval}; default 30 s. */
    public Duration interval() {
        return interval;
    }

    /** The health-check timeout, {@code alb.health-check.timeout}; default 5 s. */
    public Duration timeout() {
        return timeout;
    }

    /** Consecutive successes to become healthy, {@code alb.health-check.healthy-threshold}; default 5. */
    public int healthyThreshold() {
        return healthyThreshold;
    }

    /** Consecutive failures to become unhealthy, {@code alb.health-check.unhealthy-threshold}; default 2. */
    public int unhealthyThreshold() {
        return unhealthyThreshold;
    }

    /** The load balancer's idle timeout, {@code alb.idle-timeout}; default 60 s. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** The target group's deregistration delay, {@code alb.deregistration-delay}; default 300 s. */
    public Duration deregistrationDelay() {
        return deregistrationDelay;
    }

    /** The target group's protocol version, {@code alb.protocol-version}; default HTTP1. */
    public ProtocolVersion protocolVersion() {
        return protocolVersion;
    }

    /** The back-end TLS policy, {@code alb.tls.backend-policy}; default ELBSecurityPolicy-2016-08. */
    public TlsPolicy tlsBackendPolicy() {
        return tlsBackendPolicy;
    }

    /**
     * Whether {@link #tlsBackendPolicy()} was set rather than defaulted; the TLS self-check tests both policies when
     * it was not, since the policy follows the listener's, which the target cannot see.
     */
    public boolean tlsBackendPolicySet() {
        return tlsBackendPolicySet;
    }

    /** Host names the application serves, {@code alb.hosts.allowed}; empty (the default) does not restrict names. */
    public List<String> allowedHosts() {
        return allowedHosts;
    }

    /** Extra address ranges whose IP literals are accepted as Host, {@code alb.hosts.allowed-cidrs} (or an empty list). */
    public List<String> allowedCidrs() {
        return allowedCidrs;
    }

    /** How much longer than the ALB idle timeout the server keeps idle connections, {@code alb.keep-alive.margin}; default 5 s. */
    public Duration keepAliveMargin() {
        return keepAliveMargin;
    }

    /** What the startup self-check does, {@code alb.self-check}; default LOG. */
    public SelfCheckMode selfCheck() {
        return selfCheck;
    }

    /** Whether albtarget acts at all, {@code alb.enabled}; default true. */
    public boolean enabled() {
        return enabled;
    }

    /**
     * The longest time a health indicator may hold up the health answer, {@code alb.health.deadline}; default half
     * the health-check timeout.
     */
    public Duration healthDeadline() {
        return healthDeadline != null ? healthDeadline : timeout.dividedBy(2);
    }

    /** Whether the health body lists indicator names and states, {@code alb.health.details}; default false. */
    public boolean healthDetails() {
        return healthDetails;
    }

    /**
     * How long to keep serving after health turns 503, {@code alb.drain.wait}; by default the time the ALB needs to
     * see the target unhealthy (unhealthy threshold × interval + timeout), capped by the deregistration delay.
     */
    public Duration drainWait() {
        if (drainWait != null) {
            return drainWait;
        }
        Duration seen = interval.multipliedBy(unhealthyThreshold).plus(timeout);
        return seen.compareTo(deregistrationDelay) > 0 ? deregistrationDelay : seen;
    }

    /** Whether {@link #drainWait()} was set rather than derived. */
    public boolean drainWaitSet() {
        return drainWait != null;
    }

    /** How long in-flight requests may take to finish after the drain wait, {@code alb.drain.timeout}; default 30 s. */
    public Duration drainTimeout() {
        return drainTimeout;
    }

    /** The file the JSON self-check report is written to, {@code alb.self-check.report}; empty by default. */
    public Optional<Path> selfCheckReport() {
        return Optional.ofNullable(selfCheckReport);
    }

    /**
     * What albtarget does with requests the ALB's desync classification flags, {@code alb.desync-mitigation-mode};
     * default DEFENSIVE, as the ALB's own default.
     */
    public DesyncMitigationMode desyncMitigationMode() {
        return desyncMitigationMode;
    }

    /** Every setting in {@link Setting} order on one line, as {@code property=value}, safe to log. */
    @Override
    public String toString() {
        return Arrays.stream(Setting.values())
                .map(setting -> setting.property() + "=" + loggable(setting.value(this)))
                .collect(Collectors.joining(", ", "AlbSettings[", "]"));
    }

    /** Whole when printable, so a long host list reads in full; escaped and cut otherwise, to keep one line. */
    private static String loggable(String value) {
        return value.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? value : Printable.of(value);
    }

    /**
     * Builds {@link AlbSettings}. Every setter validates its value at once against the ALB's range and throws
     * {@link IllegalArgumentException} naming the property, the range and the value; {@link #build()} checks the
     * rules that tie settings together.
     *
     * <p>Instances are mutable and not thread-safe.
     */
    public static final class Builder {

        private String healthCheckPath = "/health";
        private int healthCheckPort;
        private Protocol healthCheckProtocol = Protocol.HTTP;
        private SuccessCodes matcher = SuccessCodes.ofDefault();
        private Duration interval = Duration.ofSeconds(30);
        private Duration timeout = Duration.ofSeconds(5);
        private int healthyThreshold = 5;
        private int unhealthyThreshold = 2;
        private Duration idleTimeout = Duration.ofSeconds(60);
        private Duration deregistrationDelay = Duration.ofSeconds(300);
        private ProtocolVersion protocolVersion = ProtocolVersion.HTTP1;
        private TlsPolicy tlsBackendPolicy = TlsPolicy.ELB_SECURITY_POLICY_2016_08;
        private boolean tlsBackendPolicySet;
        private List<String> allowedHosts = List.of();
        private List<String> allowedCidrs = List.of();
        private Duration keepAliveMargin = Duration.ofSeconds(5);
        private SelfCheckMode selfCheck = SelfCheckMode.LOG;
        private boolean enabled = true;
        private @Nullable Duration healthDeadline;
        private boolean healthDetails;
        private @Nullable Duration drainWait;
        private Duration drainTimeout = Duration.ofSeconds(30);
        private @Nullable Path selfCheckReport;
        private DesyncMitigationMode desyncMitigationMode = DesyncMitigationMode.DEFENSIVE;

        private Builder() {
        }

        private Builder(AlbSettings s) {
            healthCheckPath = s.healthCheckPath;
            healthCheckPort = s.healthCheckPort;
            healthCheckProtocol = s.healthCheckProtocol;
            matcher = s.matcher;
            interval = s.interval;
            timeout = s.timeout;
            healthyThreshold = s.healthyThreshold;
            unhealthyThreshold = s.unhealthyThreshold;
            idleTimeout = s.idleTimeout;
            deregistrationDelay = s.deregistrationDelay;
            protocolVersion = s.protocolVersion;
            tlsBackendPolicy = s.tlsBackendPolicy;
            tlsBackendPolicySet = s.tlsBackendPolicySet;
            allowedHosts = s.allowedHosts;
            allowedCidrs = s.allowedCidrs;
            keepAliveMargin = s.keepAliveMargin;
            selfCheck = s.selfCheck;
            enabled = s.enabled;
            healthDeadline = s.healthDeadline;
            healthDetails = s.healthDetails;
            drainWait = s.drainWait;
            drainTimeout = s.drainTimeout;
            selfCheckReport = s.selfCheckReport;
            desyncMitigationMode = s.desyncMitigationMode;
        }

        /**
         * The health-check path; default {@code /health}.
         *
         * @throws IllegalArgumentException unless 1 to 1024 characters of printable ASCII without spaces or
         *     {@code #}, starting with {@code /}
         */
        public Builder healthCheckPath(String path) {
            Objects.requireNonNull(path, "'path' must not be null");
            boolean printable = path.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '#');
            if (path.isEmpty() || path.length() > 1024 || path.charAt(0) != '/' || !printable) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s must be 1 to 1024 characters starting with '/', without spaces, control characters"
                                + " or '#', but was '%s'",
                        Setting.HEALTH_CHECK_PATH.property(), Printable.of(path)));
            }
            this.healthCheckPath = path;
            return this;
        }

        /**
         * The health-check port; by default the traffic port.
         *
         * @throws IllegalArgumentException unless 1 to 65535
         */
        public Builder healthCheckPort(int port) {
            this.healthCheckPort = Ranges.requireBetween(Setting.HEALTH_CHECK_PORT.property(), port, 1, 65535);
            return this;
        }

        /** Health checks go to the port that receives traffic (the default). */
        public Builder healthCheckTrafficPort() {
            this.healthCheckPort = 0;
            return this;
        }

        /** The health-check protocol; default HTTP. */
        public Builder healthCheckProtocol(Protocol protocol) {
            this.healthCheckProtocol = Objects.requireNonNull(protocol, "'protocol' must not be null");
            return this;
        }

        /** The success-code matcher; default {@code 200}. */
        public Builder matcher(SuccessCodes matcher) {
            this.matcher = Objects.requireNonNull(matcher, "'matcher' must not be null");
            return this;
        }

        /**
         * The health-check interval; default 30 s.
         *
         * @throws IllegalArgumentException unless a whole number of seconds from 5 s to 300 s
         */
        public Builder interval(Duration interval) {
            this.interval = Ranges.requireSeconds(Setting.HEALTH_CHECK_INTERVAL.property(), interval, 5, 300);
            return this;
        }

        /**
         * The health-check timeout; default 5 s; must be less than the interval (checked by {@link #build()}).
         *
         * @throws IllegalArgumentException unless a whole number of seconds from 2 s to 120 s
         */
        public Builder timeout(Duration timeout) {
            this.timeout = Ranges.requireSeconds(Setting.HEALTH_CHECK_TIMEOUT.property(), timeout, 2, 120);
            return this;
        }

        /**
         * Consecutive successes before the ALB counts the target healthy; default 5.
         *
         * @throws IllegalArgumentException unless 2 to 10
         */
        public Builder healthyThreshold(int count) {
            this.healthyThreshold = Ranges.requireBetween(Setting.HEALTHY_THRESHOLD.property(), count, 2, 10);
            return this;
        }

        /**
         * Consecutive failures before the ALB counts the target unhealthy; default 2.
         *
         * @throws IllegalArgumentException unless 2 to 10
         */
        public Builder unhealthyThreshold(int count) {
            this.unhealthyThreshold = Ranges.requireBetween(Setting.UNHEALTHY_THRESHOLD.property(), count, 2, 10);
            return this;
        }

        /**
         * The load balancer's idle timeout; default 60 s.
         *
         * @throws IllegalArgumentException unless a whole number of seconds from 1 s to 4000 s
         */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = Ranges.requireSeconds(Setting.IDLE_TIMEOUT.property(), idleTimeout, 1, 4000);
            return this;
        }

        /**
         * The target group's deregistration delay; default 300 s.
         *
         * @throws IllegalArgumentException unless a whole number of seconds from 0 s to 3600 s
         */
        public Builder deregistrationDelay(Duration delay) {
            this.deregistrationDelay = Ranges.requireSeconds(Setting.DEREGISTRATION_DELAY.property(), delay, 0, 3600);
            return this;
        }

        /** The target group's protocol version; default HTTP1. */
        public Builder protocolVersion(ProtocolVersion version) {
            this.protocolVersion = Objects.requireNonNull(version, "'version' must not be null");
            return this;
        }

        /** The back-end TLS policy the ALB offers; default ELBSecurityPolicy-2016-08. */
        public Builder tlsBackendPolicy(TlsPolicy policy) {
            this.tlsBackendPolicy = Objects.requireNonNull(policy, "'policy' must not be null");
            this.tlsBackendPolicySet = true;
            return this;
        }

        /**
         * Host names the application serves, e.g. {@code api.example.com}; empty (the default) does not restrict
         * names. The ALB's own Host forms (the target's IP, with or without port) are always accepted.
         */
        public Builder allowedHosts(List<String> names) {
            this.allowedHosts = List.copyOf(names);
            return this;
        }

        /** Extra address ranges, e.g. {@code 10.0.0.0/16}, whose IP literals are accepted as Host (ECS bridge mode, NAT). */
        public Builder allowedCidrs(List<String> cidrs) {
            this.allowedCidrs = List.copyOf(cidrs);
            return this;
        }

        /**
         * How much longer than the ALB idle timeout the server keeps idle connections open; default 5 s.
         *
         * @throws IllegalArgumentException unless from 0 s to 3600 s
         */
        public Builder keepAliveMargin(Duration margin) {
            this.keepAliveMargin = Ranges.requireBetween(Setting.KEEP_ALIVE_MARGIN.property(), margin,
                    Duration.ZERO, Duration.ofHours(1));
            return this;
        }

        /** What the startup self-check does; default LOG. */
        public Builder selfCheck(SelfCheckMode mode) {
            this.selfCheck = Objects.requireNonNull(mode, "'mode' must not be null");
            return this;
        }

        /** Whether albtarget acts at all; default true. */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /**
         * The longest time a health indicator may hold up the health answer; default half the health-check timeout;
         * must be less than the timeout (checked by {@link #build()}).
         *
         * @throws IllegalArgumentException unless from 1 ms to 120 s
         */
        public Builder healthDeadline(Duration deadline) {
            this.healthDeadline = Ranges.requireBetween(Setting.HEALTH_DEADLINE.property(), deadline,
                    Duration.ofMillis(1), Duration.ofSeconds(120));
            return this;
        }

        /** Whether the health body lists indicator names and states; default false. */
        public Builder healthDetails(boolean details) {
            this.healthDetails = details;
            return this;
        }

        /**
         * How long to keep serving after health turns 503; by default derived from the health-check settings.
         *
         * @throws IllegalArgumentException unless from 0 s to 3600 s
         */
        public Builder drainWait(Duration wait) {
            this.drainWait = Ranges.requireBetween(Setting.DRAIN_WAIT.property(), wait, Duration.ZERO,
                    Duration.ofHours(1));
            return this;
        }

        /**
         * How long in-flight requests may take to finish after the drain wait; default 30 s.
         *
         * @throws IllegalArgumentException unless from 0 s to 3600 s
         */
        public Builder drainTimeout(Duration timeout) {
            this.drainTimeout = Ranges.requireBetween(Setting.DRAIN_TIMEOUT.property(), timeout, Duration.ZERO,
                    Duration.ofHours(1));
            return this;
        }

        /** The file the JSON self-check report is written to; none by default. */
        public Builder selfCheckReport(Path file) {
            this.selfCheckReport = Objects.requireNonNull(file, "'file' must not be null");
            return this;
        }

        /** What albtarget does with requests the ALB's desync classification flags; default DEFENSIVE. */
        public Builder desyncMitigationMode(DesyncMitigationMode mode) {
            this.desyncMitigationMode = Objects.requireNonNull(mode, "'mode' must not be null");
            return this;
        }

        /**
         * The settings.
         *
         * @throws InvalidSettingsException if the interval is not greater than the timeout, or the health deadline
         *     is not less than the timeout
         */
        public AlbSettings build() {
            List<InvalidSettingsException.Problem> problems = new ArrayList<>();
            if (interval.compareTo(timeout) <= 0) {
                problems.add(againstTimeout(Setting.HEALTH_CHECK_INTERVAL, interval, "greater than"));
            }
            if (healthDeadline != null && healthDeadline.compareTo(timeout) >= 0) {
                problems.add(againstTimeout(Setting.HEALTH_DEADLINE, healthDeadline, "less than"));
            }
            if (!problems.isEmpty()) {
                throw new InvalidSettingsException(problems);
            }
            return new AlbSettings(this);
        }

        private InvalidSettingsException.Problem againstTimeout(Setting setting, Duration value, String rule) {
            return InvalidSettingsException.Problem.of(setting, Durations.format(value), String.format(Locale.ROOT,
                    "%s (%s) must be %s %s (%s)", setting.property(), Durations.format(value), rule,
                    Setting.HEALTH_CHECK_TIMEOUT.property(), Durations.format(timeout)));
        }
    }
}
