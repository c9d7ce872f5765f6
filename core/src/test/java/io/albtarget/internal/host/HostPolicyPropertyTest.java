package io.albtarget.internal.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.TestRequest;
import io.albtarget.Verdict;
import io.albtarget.internal.Printable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Properties of the Host parser on inputs generated from a fixed seed: total on any input, and accepting canonical
 * forms only. A failure names the seed and the case.
 */
class HostPolicyPropertyTest {

    private static final long SEED = 0x5eed_4057L;
    private static final String LOCAL = "10.0.3.17";
    private static final int PORT = 8080;
    private static final String HOST_LIKE = "0123456789abcdefxX.:[]@%/ \t_-";

    private final HostPolicy policy = HostPolicy.of(List.of(), List.of());
    private final HostPolicy anyAddress = HostPolicy.of(List.of(), List.of("0.0.0.0/0", "::/0"));
    private final Set<Verdict> reasons = reasons();
    private final Random random = new Random(SEED);

    static Set<Verdict> reasons() {
        return Arrays.stream(HostPolicy.class.getDeclaredFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == Verdict.class)
                .map(HostPolicyPropertyTest::value).collect(Collectors.toSet());
    }

    private static Verdict value(Field field) {
        try {
            return (Verdict) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String described(int at, String input) {
        return String.format(Locale.ROOT, "seed %d, case %d: \"%s\"", SEED, at, Printable.of(input));
    }

    private String string(int maxLength, String alphabet, boolean anyChar) {
        char[] chars = new char[random.nextInt(maxLength + 1)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = anyChar && random.nextBoolean() ? (char) random.nextInt(Character.MAX_VALUE + 1)
                    : alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return new String(chars);
    }

    /** Judges a host and checks the verdict is acceptance or one of HostPolicy's reasons. */
    private Verdict knownVerdict(int at, String host) {
        Verdict verdict = policy.judge(TestRequest.bare().header("Host", host).local(LOCAL, PORT));
        assertThat(verdict == Verdict.accept() || reasons.contains(verdict)).as(described(at, host)).isTrue();
        return verdict;
    }

    @Test
    void anyUnicodeNeverThrowsAndGetsAKnownVerdict() {
        for (int i = 0; i < 3000; i++) {
            knownVerdict(i, string(40, HOST_LIKE, true));
        }
    }

    @Test
    void onlyCanonicalFormsAreAccepted() {
        for (int i = 0; i < 5000; i++) {
            String host = string(40, HOST_LIKE, false);
            if (knownVerdict(i, host) == Verdict.accept()) {
                assertThat(isCanonical(host)).as("accepted " + described(i, host)).isTrue();
            }
        }
    }

    /** A canonical form, and for IPv4 the connection's own address. */
    private static boolean isCanonical(String host) {
        String bare = CanonicalHost.withoutPort(host);
        return CanonicalHost.isCanonical(host) && (!CanonicalHost.endsInANumber(bare) || bare.equals(LOCAL));
    }

    @Test
    void canonicalIpv4OfTheConnectionIsAcceptedAndEveryOtherSpellingIsNot() {
        for (int i = 0; i < 1000; i++) {
            int a = random.nextInt(256);
            int b = random.nextInt(256);
            int c = random.nextInt(256);
            int d = random.nextInt(256);
            String canonical = a + "." + b + "." + c + "." + d;
            TestRequest request = TestRequest.bare().header("Host", canonical + ":" + PORT).local(canonical, PORT);
            assertThat(policy.judge(request)).as(described(i, canonical)).isSameAs(Verdict.accept());
            long integer = ((long) a << 24) + (b << 16) + (c << 8) + d;
            List<String> spellings = List.of("0" + a + "." + b + "." + c + "." + d,
                    "0x" + Integer.toHexString(a) + "." + b + "." + c + "." + d,
                    String.format(Locale.ROOT, "0x%x.0x%x.0x%x.0x%x", a, b, c, d),
                    a + "." + b + "." + c + ".0x" + Integer.toHexString(d),
                    String.format(Locale.ROOT, "0X%08X", integer),
                    Long.toString(integer), a + "." + b + "." + (c * 256 + d), canonical + ".");
            for (String spelling : spellings) {
                TestRequest other = TestRequest.bare().header("Host", spelling).local(canonical, PORT);
                assertThat(policy.judge(other)).as(described(i, spelling)).isSameAs(HostPolicy.NON_CANONICAL_IPV4);
            }
        }
    }

    @Test
    void canonicalIpv6IsAcceptedAndEveryOtherSpellingIsNot() {
        for (int i = 0; i < 2000; i++) {
            int[] groups = new int[8];
            for (int g = 0; g < 8; g++) {
                // zero groups often, so that runs of every length and position come up
                groups[g] = random.nextInt(3) == 0 ? random.nextInt(0x10000) >>> random.nextInt(16) : 0;
            }
            byte[] bytes = CanonicalHost.bytes(groups);
            String canonical = "[" + CanonicalHost.rfc5952(bytes) + "]";
            boolean disguised = CanonicalHost.isIpv4InDisguise(bytes);
            assertThat(anyAddress.judge(TestRequest.bare().header("Host", canonical)))
                    .as(described(i, canonical)).isSameAs(disguised ? HostPolicy.IPV4_IN_IPV6 : Verdict.accept());
            for (String other : List.of(CanonicalHost.fullForm(bytes, false), CanonicalHost.fullForm(bytes, true),
                    canonical.substring(1, canonical.length() - 1).toUpperCase(Locale.ROOT))) {
                String spelling = "[" + other + "]";
                if (!spelling.equals(canonical)) {
                    Verdict verdict = anyAddress.judge(TestRequest.bare().header("Host", spelling));
                    assertThat(verdict).as(described(i, spelling))
                            .isSameAs(disguised ? HostPolicy.IPV4_IN_IPV6 : HostPolicy.NON_CANONICAL_IPV6);
                }
            }
        }
    }

    @Test
    void portsAreAcceptedOnlyFrom1To65535WithoutLeadingZero() {
        for (int i = 0; i < 1000; i++) {
            int port = random.nextInt(70011) - 10;
            boolean leadingZero = random.nextBoolean();
            String host = "example.com:" + (leadingZero ? "0" : "") + port;
            boolean valid = !leadingZero && port >= 1 && port <= 65535;
            assertThat(knownVerdict(i, host)).as(described(i, host))
                    .isSameAs(valid ? Verdict.accept() : HostPolicy.BAD_PORT);
        }
    }
}
