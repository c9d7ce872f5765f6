package io.albtarget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.albtarget.internal.Durations;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The catalogue names every setting of {@link AlbSettings}, reads each back as text and binds that text again. */
class SettingTest {

    /** A value other than the default for each setting, valid on its own, in the form {@link Setting#value} writes. */
    private static final Map<Setting, String> OTHER_VALUES = Map.ofEntries(
            Map.entry(Setting.ENABLED, "false"),
            Map.entry(Setting.HEALTH_CHECK_PATH, "/ready?full=1"),
            Map.entry(Setting.HEALTH_CHECK_PORT, "9090"),
            Map.entry(Setting.HEALTH_CHECK_PROTOCOL, "HTTPS"),
            Map.entry(Setting.HEALTH_CHECK_MATCHER, "200-299"),
            Map.entry(Setting.HEALTH_CHECK_INTERVAL, "10s"),
            Map.entry(Setting.HEALTH_CHECK_TIMEOUT, "6s"),
            Map.entry(Setting.HEALTHY_THRESHOLD, "3"),
            Map.entry(Setting.UNHEALTHY_THRESHOLD, "4"),
            Map.entry(Setting.IDLE_TIMEOUT, "120s"),
            Map.entry(Setting.DEREGISTRATION_DELAY, "3600s"),
            Map.entry(Setting.PROTOCOL_VERSION, "GRPC"),
            Map.entry(Setting.TLS_BACKEND_POLICY, "ELBSecurityPolicy-TLS13-1-0-2021-06"),
            Map.entry(Setting.HOSTS_ALLOWED, "api.example.com,www.example.com"),
            Map.entry(Setting.HOSTS_ALLOWED_CIDRS, "10.0.0.0/16,fd00::/8"),
            Map.entry(Setting.KEEP_ALIVE_MARGIN, "1500ms"),
            Map.entry(Setting.SELF_CHECK, "fail"),
            Map.entry(Setting.HEALTH_DEADLINE, "500ms"),
            Map.entry(Setting.HEALTH_DETAILS, "true"),
            Map.entry(Setting.DRAIN_WAIT, "4s"),
            Map.entry(Setting.DRAIN_TIMEOUT, "0s"),
            Map.entry(Setting.SELF_CHECK_REPORT, "build/report.json"),
            Map.entry(Setting.DESYNC_MITIGATION_MODE, "strictest"));

    /** Whether a setting was given rather than derived or defaulted: binding a default text gives it explicitly. */
    private static final Set<String> GIVEN_FLAGS = Set.of("drainWaitSet", "tlsBackendPolicySet");

    @Test
    void namesAreTheDocumentedOnes() {
        assertThat(Arrays.stream(Setting.values()).map(Setting::property)).doesNotHaveDuplicates()
                .allMatch(property -> property.matches("alb(\\.[a-z]+(-[a-z]+)*)+"));
        assertThat(Setting.HEALTH_CHECK_PATH.property()).isEqualTo("alb.health-check.path");
        assertThat(Setting.HEALTH_CHECK_PATH.environmentVariable()).isEqualTo("ALB_HEALTH_CHECK_PATH");
        assertThat(Setting.SELF_CHECK_REPORT.environmentVariable()).isEqualTo("ALB_SELF_CHECK_REPORT");
        assertThat(Arrays.stream(Setting.values()).map(Setting::environmentVariable)).doesNotHaveDuplicates();
        assertThat(Setting.HEALTH_CHECK_PROTOCOL.range()).isEqualTo("HTTP, HTTPS");
        assertThat(Setting.SELF_CHECK.range()).isEqualTo("log, fail, off");
        assertThat(Setting.TLS_BACKEND_POLICY.range())
                .isEqualTo("ELBSecurityPolicy-2016-08, ELBSecurityPolicy-TLS13-1-0-2021-06");
    }

    @ParameterizedTest
    @EnumSource(Setting.class)
    void everyChoiceBindsAndTheDefaultIsOne(Setting setting) {
        for (String choice : setting.choices()) {
            AlbSettings bound = AlbSettings.bind(Map.of(setting.property(), choice), Map.of());
            assertThat(setting.value(bound)).isEqualTo(choice);
        }
        if (!setting.choices().isEmpty()) {
            assertThat(setting.choices()).contains(setting.value(AlbSettings.defaults()));
            assertThat(setting.range()).isEqualTo(String.join(", ", setting.choices()));
        }
    }

    @Test
    void onlyTheSettingsThatTakeANameHaveChoices() {
        assertThat(Arrays.stream(Setting.values()).filter(s -> !s.choices().isEmpty())).containsExactly(
                Setting.HEALTH_CHECK_PROTOCOL, Setting.PROTOCOL_VERSION, Setting.TLS_BACKEND_POLICY,
                Setting.SELF_CHECK, Setting.DESYNC_MITIGATION_MODE);
        assertThat(Setting.DESYNC_MITIGATION_MODE.choices()).containsExactly("monitor", "defensive", "strictest");
    }

    @ParameterizedTest
    @EnumSource(Setting.class)
    void describesItselfInOneSentence(Setting setting) {
        assertThat(setting.description()).matches("[A-Z][^|]*[^ .]\\.").doesNotContain(". ");
        assertThat(setting.range()).isNotBlank().doesNotContain("|");
    }

    @ParameterizedTest
    @EnumSource(Setting.class)
    void theDefaultReadsAsTheValueType(Setting setting) {
        String value = setting.value(AlbSettings.defaults());
        if (setting.valueType() == Integer.class) {
            assertThat(value).matches("[0-9]+");
        } else if (setting.valueType() == Boolean.class) {
            assertThat(value).isIn("true", "false");
        } else if (setting.valueType() == Duration.class) {
            assertThat(Durations.format(Durations.parse(setting.property(), value))).isEqualTo(value);
        } else {
            assertThat(setting.valueType()).isEqualTo(String.class);
        }
    }

    @Test
    void theDefaultsBindBackToTheDefaults() {
        Map<String, String> properties = new LinkedHashMap<>();
        for (Setting setting : Setting.values()) {
            properties.put(setting.property(), setting.value(AlbSettings.defaults()));
        }
        AlbSettings bound = AlbSettings.bind(properties, Map.of());
        Map<String, Object> expected = accessors(AlbSettings.defaults());
        Map<String, Object> actual = accessors(bound);
        GIVEN_FLAGS.forEach(flag -> {
            expected.remove(flag);
            actual.remove(flag);
        });
        assertThat(actual).isEqualTo(expected);
        assertThat(bound).hasToString(AlbSettings.defaults().toString());
    }

    @ParameterizedTest
    @EnumSource(Setting.class)
    void anotherValueRoundTrips(Setting setting) {
        assertThat(OTHER_VALUES).as("a value other than the default for %s", setting).containsKey(setting);
        String value = OTHER_VALUES.get(setting);
        assertThat(setting.value(AlbSettings.defaults())).isNotEqualTo(value);

        AlbSettings fromMap = AlbSettings.bind(Map.of(setting.property(), value), Map.of());
        AlbSettings fromEnvironment = AlbSettings.bind(Map.of(), Map.of(setting.environmentVariable(), value));
        AlbSettings fromLookup = AlbSettings.bind(Map.of(setting.property(), value)::get);

        assertThat(setting.value(fromMap)).isEqualTo(value);
        assertThat(setting.value(fromEnvironment)).isEqualTo(value);
        assertThat(setting.value(fromLookup)).isEqualTo(value);
        assertThat(fromMap.toString()).contains(setting.property() + "=" + value);
    }

    /**
     * Settings where every accessor differs from the default, so a builder setting the catalogue left out would
     * come back from binding with its default. {@code alb.enabled=false} would ignore all the others; it has its
     * own round trip.
     */
    @Test
    void theCatalogueCarriesEveryBuilderSetting() {
        AlbSettings other = AlbSettings.builder()
                .healthCheckPath("/ready").healthCheckPort(9090).healthCheckProtocol(AlbSettings.Protocol.HTTPS)
                .matcher(SuccessCodes.parse("200,202")).interval(Duration.ofSeconds(10))
                .timeout(Duration.ofSeconds(6)).healthyThreshold(3).unhealthyThreshold(4)
                .idleTimeout(Duration.ofSeconds(120)).deregistrationDelay(Duration.ofSeconds(90))
                .protocolVersion(AlbSettings.ProtocolVersion.HTTP2)
                .tlsBackendPolicy(AlbSettings.TlsPolicy.ELB_SECURITY_POLICY_TLS13_1_0_2021_06)
                .allowedHosts(List.of("api.example.com")).allowedCidrs(List.of("10.0.0.0/16"))
                .keepAliveMargin(Duration.ofMillis(2500)).selfCheck(AlbSettings.SelfCheckMode.OFF)
                .healthDeadline(Duration.ofMillis(700)).healthDetails(true).drainWait(Duration.ofSeconds(7))
                .drainTimeout(Duration.ofSeconds(11)).selfCheckReport(Path.of("out", "report.json"))
                .desyncMitigationMode(AlbSettings.DesyncMitigationMode.MONITOR)
                .build();
        Map<String, Object> defaults = accessors(AlbSettings.defaults());
        Map<String, Object> expected = accessors(other);
        defaults.remove("enabled");
        assertThat(defaults).allSatisfy((name, value) -> assertThat(expected.get(name))
                .as("%s differs from the default", name).isNotEqualTo(value));

        AlbSettings bound = AlbSettings.bind(property -> Arrays.stream(Setting.values())
                .filter(setting -> setting.property().equals(property)).findFirst()
                .map(setting -> setting.value(other)).orElse(null));

        assertThat(accessors(bound)).isEqualTo(expected);
        assertThat(bound).hasToString(other.toString());
    }

    static Stream<Setting> numericSpans() {
        return Arrays.stream(Setting.values()).filter(setting -> SPAN.matcher(setting.range()).find());
    }

    /** {@code 5–300 s}, {@code 1 ms – 120 s}, {@code 2–10}: the ends of a range people read. */
    private static final Pattern SPAN = Pattern.compile("(\\d+)( ms| s)? ?– ?(\\d+)( ms| s)?");

    /** The range a setting shows is the one its binding enforces: both ends pass, one step beyond each fails. */
    @ParameterizedTest
    @MethodSource("numericSpans")
    void theRangeShownIsTheRangeEnforced(Setting setting) {
        Matcher span = SPAN.matcher(setting.range());
        assertThat(span.find()).isTrue();
        long min = Long.parseLong(span.group(1));
        long max = Long.parseLong(span.group(3));
        String maxUnit = span.group(4) == null ? "" : span.group(4).strip();
        String minUnit = span.group(2) == null ? maxUnit : span.group(2).strip();

        assertThat(rangeProblem(setting, min + minUnit)).as("%s at its minimum", setting).isNull();
        assertThat(rangeProblem(setting, max + maxUnit)).as("%s at its maximum", setting).isNull();
        if (min > 0) {
            assertThat(rangeProblem(setting, (min - 1) + minUnit)).as("%s below its minimum", setting).isNotNull();
        }
        assertThat(rangeProblem(setting, (max + 1) + maxUnit)).as("%s above its maximum", setting).isNotNull();
    }

    @Test
    void everyNumericRangeIsChecked() {
        assertThat(numericSpans()).contains(Setting.HEALTH_CHECK_PORT, Setting.HEALTH_CHECK_MATCHER,
                Setting.HEALTH_CHECK_INTERVAL, Setting.HEALTHY_THRESHOLD, Setting.HEALTH_DEADLINE,
                Setting.DRAIN_WAIT);
        assertThat(numericSpans().collect(Collectors.toSet())).containsAll(Arrays.stream(Setting.values())
                .filter(s -> s.valueType() == Integer.class || s.valueType() == Duration.class).toList());
    }

    /**
     * The message refusing the value alone, if any. A value that only contradicts another setting (an interval at
     * the timeout) passes: its message, {@code alb.health-check.interval (5s) must be greater than ...}, does
     * not start with {@code <property> must}.
     */
    private static String rangeProblem(Setting setting, String value) {
        InvalidSettingsException e = catchThrowableOfType(InvalidSettingsException.class,
                () -> AlbSettings.bind(Map.of(setting.property(), value), Map.of()));
        if (e == null) {
            return null;
        }
        return e.problems().stream().map(InvalidSettingsException.Problem::message)
                .filter(message -> message.startsWith(setting.property() + " must")).findFirst().orElse(null);
    }

    /** Every value an {@link AlbSettings} exposes, by accessor name. */
    private static Map<String, Object> accessors(AlbSettings settings) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Method method : AlbSettings.class.getDeclaredMethods()) {
            if (Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())
                    && method.getParameterCount() == 0
                    && !Set.of("toString", "toBuilder").contains(method.getName())) {
                try {
                    values.put(method.getName(), method.invoke(settings));
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new AssertionError(method.getName(), e);
                }
            }
        }
        return values;
    }
}
