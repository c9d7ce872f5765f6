package io.albtarget.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.TestRequest;
import io.albtarget.Verdict;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties of the Host parser: total on any input, and accepting canonical forms only. */
class HostPolicyProperties {

    private static final String LOCAL = "10.0.3.17";
    private static final int PORT = 8080;
    private static final Pattern OCTET = Pattern.compile("25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9]");
    private static final Pattern CANONICAL_IPV4 =
            Pattern.compile("(" + OCTET + ")(\\.(" + OCTET + ")){3}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,63}(\\.[A-Za-z0-9_-]{1,63})*\\.?");
    private static final Pattern PORT_SUFFIX = Pattern.compile("(:[1-9][0-9]{0,4})?");

    private final HostPolicy policy = HostPolicy.of(List.of(), List.of());
    private final Set<Verdict> reasons = reasons();

    private static Set<Verdict> reasons() {
        return Arrays.stream(HostPolicy.class.getDeclaredFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == Verdict.class)
                .map(HostPolicyProperties::value).collect(Collectors.toSet());
    }

    private static Verdict value(Field field) {
        try {
            return (Verdict) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private Verdict judge(String host) {
        return policy.judge(TestRequest.bare().header("Host", host).local(LOCAL, PORT));
    }

    @Provide
    Arbitrary<String> hostLike() {
        return Arbitraries.strings().withChars("0123456789abcdefxX.:[]@%/ \t_-").ofMaxLength(40);
    }

    @Property(tries = 3000)
    void anyUnicodeNeverThrowsAndGetsAKnownVerdict(@ForAll String host) {
        Verdict verdict = judge(host);
        assertThat(verdict == Verdict.accept() || reasons.contains(verdict)).isTrue();
    }

    @Property(tries = 5000)
    void onlyCanonicalFormsAreAccepted(@ForAll("hostLike") String host) {
        Verdict verdict = judge(host);
        assertThat(verdict == Verdict.accept() || reasons.contains(verdict)).isTrue();
        if (verdict == Verdict.accept()) {
            assertThat(isCanonical(host)).as("accepted %s", host).isTrue();
        }
    }

    /** An independent statement of the accepted forms, by regular expressions. */
    private static boolean isCanonical(String host) {
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close > 0 && !host.substring(0, close).contains("%")
                    && PORT_SUFFIX.matcher(host.substring(close + 1)).matches();
        }
        int colon = host.indexOf(':');
        String bare = colon < 0 ? host : host.substring(0, colon);
        String suffix = colon < 0 ? "" : host.substring(colon);
        if (!PORT_SUFFIX.matcher(suffix).matches() || colon >= 0 && Integer.parseInt(suffix.substring(1)) > 65535) {
            return false;
        }
        String trimmed = bare.endsWith(".") ? bare.substring(0, bare.length() - 1) : bare;
        String last = trimmed.substring(trimmed.lastIndexOf('.') + 1);
        boolean numeric = !last.isEmpty() && last.chars().allMatch(Character::isDigit);
        return numeric ? CANONICAL_IPV4.matcher(bare).matches() && bare.equals(LOCAL)
                : NAME.matcher(bare).matches() && bare.length() <= 254;
    }

    @Property
    void canonicalIpv4OfTheConnectionIsAcceptedAndEveryOtherSpellingIsNot(
            @ForAll @IntRange(max = 255) int a, @ForAll @IntRange(max = 255) int b,
            @ForAll @IntRange(max = 255) int c, @ForAll @IntRange(max = 255) int d) {
        String canonical = a + "." + b + "." + c + "." + d;
        TestRequest request = TestRequest.bare().header("Host", canonical + ":" + PORT).local(canonical, PORT);
        assertThat(policy.judge(request)).isSameAs(Verdict.accept());
        String padded = "0" + a + "." + b + "." + c + "." + d;
        String hex = "0x" + Integer.toHexString(a) + "." + b + "." + c + "." + d;
        String integer = Long.toString(((long) a << 24) + (b << 16) + (c << 8) + d);
        for (String spelling : List.of(padded, hex, integer, a + "." + b + "." + (c * 256 + d))) {
            TestRequest other = TestRequest.bare().header("Host", spelling).local(canonical, PORT);
            assertThat(policy.judge(other)).as(spelling).isSameAs(HostPolicy.NON_CANONICAL_IPV4);
        }
    }

    @Property
    void portsAreAcceptedOnlyFrom1To65535WithoutLeadingZero(@ForAll @IntRange(min = -10, max = 70000) int port,
            @ForAll boolean leadingZero) {
        String text = (leadingZero ? "0" : "") + port;
        Verdict verdict = judge("example.com:" + text);
        boolean valid = !leadingZero && port >= 1 && port <= 65535;
        assertThat(verdict).isSameAs(valid ? Verdict.accept() : HostPolicy.BAD_PORT);
    }
}
