package io.albtarget.internal.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.sun.management.ThreadMXBean;
import io.albtarget.TestRequest;
import io.albtarget.Verdict;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostPolicyTest {

    /** Not an address of any interface here: TEST-NET-3. */
    private static final String FOREIGN = "203.0.113.9";

    private final HostPolicy open = HostPolicy.of(List.of(), List.of());

    private static TestRequest host(String value) {
        return TestRequest.bare().header("Host", value).local("127.0.0.1", 8080);
    }

    @Nested
    class AlbHealthCheckerForms {

        @ParameterizedTest
        @ValueSource(strings = {"127.0.0.1", "127.0.0.1:8080"})
        void localIpWithoutPortOrWithTheLocalPort(String value) {
            assertThat(open.judge(host(value))).isSameAs(Verdict.accept());
        }

        @Test
        void localIpWithAnotherPortIsRefused() {
            assertThat(open.judge(host("127.0.0.1:8081"))).isSameAs(HostPolicy.OTHER_PORT);
        }

        @Test
        void connectionLocalAddressCountsEvenWhenNoInterfaceHasIt() {
            TestRequest request = TestRequest.bare().header("Host", FOREIGN + ":80").local(FOREIGN, 80);
            assertThat(open.judge(request)).isSameAs(Verdict.accept());
            assertThat(open.judge(host(FOREIGN))).isSameAs(HostPolicy.NOT_LOCAL);
        }

        @ParameterizedTest
        @CsvSource({
            "10.0.3.17, 0:0:0:0:0:ffff:a00:311",
            "10.0.3.17, ::ffff:10.0.3.17",
            "[fd00::5], fd00:0:0:0:0:0:0:5",
            "[fd00::5]:8080, fd00::5%eth0",
            "[::1], 0:0:0:0:0:0:0:1",
            "[fd00::5], FD00:0::5",
        })
        void serverLocalAddressFormsAreMatched(String hostValue, String serverReports) {
            TestRequest request = TestRequest.bare().header("Host", hostValue).local(serverReports, 8080);
            assertThat(open.judge(request)).isSameAs(Verdict.accept());
        }

        @Test
        void loopbackIsAnInterfaceAddress() {
            TestRequest request = TestRequest.bare().header("Host", "127.0.0.1:9000").local("10.9.9.9", 9000);
            assertThat(open.judge(request)).isSameAs(Verdict.accept());
        }
    }

    @Nested
    class Names {

        @ParameterizedTest
        @ValueSource(strings = {"localhost", "example.com", "Example.COM:8443", "example.com.", "a-b_c.d9",
            "xn--bcher-kva.example", "1a.example", "example.c0m", "0x7f.example", "example.0xg", "example.1e5",
            "example.x1", "example.0x1g"})
        void anyWellFormedNameWhenNothingIsListed(String value) {
            assertThat(open.judge(host(value))).isSameAs(Verdict.accept());
        }

        @Test
        void listedNamesOnlyCaseInsensitiveAnyPortTrailingDot() {
            HostPolicy listed = HostPolicy.of(List.of("API.example.com", "*.apps.example.com"), List.of());
            assertThat(listed.judge(host("api.example.com"))).isSameAs(Verdict.accept());
            assertThat(listed.judge(host("api.EXAMPLE.com:8443"))).isSameAs(Verdict.accept());
            assertThat(listed.judge(host("api.example.com."))).isSameAs(Verdict.accept());
            assertThat(listed.judge(host("x.apps.example.com"))).isSameAs(Verdict.accept());
            assertThat(listed.judge(host("y.x.apps.example.com"))).isSameAs(Verdict.accept());
            assertThat(listed.judge(host("apps.example.com"))).isSameAs(HostPolicy.NOT_SERVED);
            assertThat(listed.judge(host("xapps.example.com"))).isSameAs(HostPolicy.NOT_SERVED);
            assertThat(listed.judge(host("www.example.com"))).isSameAs(HostPolicy.NOT_SERVED);
            assertThat(listed.judge(host("api.example.co"))).isSameAs(HostPolicy.NOT_SERVED);
            assertThat(listed.judge(host("127.0.0.1:8080"))).as("the ALB's form is always accepted")
                    .isSameAs(Verdict.accept());
        }

        @Test
        void overlongLabelsAndNamesAreMalformed() {
            assertThat(open.judge(host("a".repeat(63) + ".example"))).isSameAs(Verdict.accept());
            assertThat(open.judge(host("a".repeat(64) + ".example"))).isSameAs(HostPolicy.MALFORMED);
            String name253 = ("a".repeat(62) + ".").repeat(4) + "a".repeat(1);
            assertThat(open.judge(host(name253))).isSameAs(Verdict.accept());
            assertThat(open.judge(host(name253 + "a"))).isSameAs(HostPolicy.MALFORMED);
        }
    }

    @Nested
    class Cidrs {

        private final HostPolicy bridge = HostPolicy.of(List.of(), List.of("203.0.113.0/24", "2001:db8::/32"));

        @Test
        void literalsInsideAnAllowedRangeAreAcceptedOnAnyPort() {
            assertThat(bridge.judge(host(FOREIGN + ":32768"))).isSameAs(Verdict.accept());
            assertThat(bridge.judge(host("[2001:db8::7]:49153"))).isSameAs(Verdict.accept());
            assertThat(bridge.judge(host("203.0.114.1"))).isSameAs(HostPolicy.NOT_LOCAL);
            assertThat(bridge.judge(host("[2001:db9::7]"))).isSameAs(HostPolicy.NOT_LOCAL);
        }

        @Test
        void anOwnAddressOnAnotherPortIsAcceptedWhenARangeHoldsIt() {
            HostPolicy loopbackRange = HostPolicy.of(List.of(), List.of("127.0.0.0/8"));
            assertThat(loopbackRange.judge(host("127.0.0.1:8081"))).isSameAs(Verdict.accept());
            assertThat(open.judge(host("127.0.0.1:8081"))).isSameAs(HostPolicy.OTHER_PORT);
        }

        @Test
        void edgesOfPrefixes() {
            HostPolicy all = HostPolicy.of(List.of(), List.of("0.0.0.0/0", "::/0"));
            assertThat(all.judge(host("8.8.8.8"))).isSameAs(Verdict.accept());
            assertThat(all.judge(host("[2600::1]"))).isSameAs(Verdict.accept());
            HostPolicy one = HostPolicy.of(List.of(), List.of("198.51.100.7/32", "2001:db8::1/128"));
            assertThat(one.judge(host("198.51.100.7"))).isSameAs(Verdict.accept());
            assertThat(one.judge(host("198.51.100.8"))).isSameAs(HostPolicy.NOT_LOCAL);
            assertThat(one.judge(host("[2001:db8::1]"))).isSameAs(Verdict.accept());
            assertThat(one.judge(host("[2001:db8::2]"))).isSameAs(HostPolicy.NOT_LOCAL);
        }
    }

    @Nested
    class CanonicalAddresses {

        private final HostPolicy anyAddress = HostPolicy.of(List.of(), List.of("0.0.0.0/0", "::/0"));

        @ParameterizedTest
        @ValueSource(strings = {"[::1]", "[::]", "[fe80::1]", "[2001:db8::1]", "[2001:db8:0:1:1:1:1:1]",
            "[2001:db8::1:0:0:1]", "[1::]", "[1:2:3:4:5:6:7:8]", "[1:0:2::]", "[64:ff9b::c000:201]:8443",
            "[::ffff:0:7f00:1]", "0.0.0.0", "255.255.255.255", "10.0.3.17:8080", "10.0.3.17"})
        void theCanonicalSpellingIsAccepted(String value) {
            assertThat(anyAddress.judge(host(value))).isSameAs(Verdict.accept());
        }

        @ParameterizedTest
        @ValueSource(strings = {"0x7f.0.0.1", "example.0x1", "[0:0::1]", "[::ffff:10.0.3.17]"})
        void anAllowedRangeDoesNotMakeAnotherSpellingAcceptable(String value) {
            assertThat(anyAddress.judge(host(value)).status()).isEqualTo(400);
        }

        @ParameterizedTest
        @ValueSource(strings = {"0x7f.0x1", "*.0xff", "a.0X", "a.010"})
        void allowedNamesThatEndInANumberAreRefused(String entry) {
            assertThatIllegalArgumentException().isThrownBy(() -> HostPolicy.of(List.of(entry), List.of()))
                    .withMessageStartingWith("alb.hosts.allowed must hold host names");
        }
    }

    @Nested
    class RequestTargets {

        @ParameterizedTest
        @ValueSource(strings = {"/", "/health?x=1", "/users/@me", "/a?b=c@d", "//user@host/x", "*",
            "http://10.0.3.17/", "http://10.0.3.17:8080/a?b@c", "https://example.com", "http://h/a@b",
            "example.com:443", "h2c+x.y-z://host/", ""})
        void originAsteriskAndAbsoluteFormsWithoutUserinfoAreAccepted(String target) {
            assertThat(HostPolicy.judgeTarget(target)).isSameAs(Verdict.accept());
        }

        @ParameterizedTest
        @ValueSource(strings = {"http://user@10.0.3.17/", "http://user:pw@example.com", "HTTP://u@h/x",
            "http://@example.com/", "https://a@b?c", "user@example.com:443", "x-1://u@h#f"})
        void userinfoInTheTargetIsRefused(String target) {
            Verdict verdict = HostPolicy.judgeTarget(target);
            assertThat(verdict).isSameAs(HostPolicy.TARGET_USERINFO);
            assertThat(verdict.status()).isEqualTo(400);
            assertThat(verdict.reason()).doesNotContain("@");
        }
    }

    @Nested
    class Allocation {

        /** Few enough that most calls run before the JIT could remove an allocation by escape analysis. */
        private static final int CALLS = 2000;

        private final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();

        @ParameterizedTest
        @ValueSource(strings = {"api.example.com:8443", "example.com.", "127.0.0.1:8080", "127.0.0.1:8081",
            "203.0.113.9", "0x7f000001", "127.0.0.0x1", "example.0x", "10.1", "exa mple"})
        void judgingANameOrAnIpv4LiteralAllocatesNothing(String value) {
            TestRequest request = host(value);
            assertThat(bytesAllocatedBy(() -> open.judge(request))).as(value).isLessThan(CALLS);
        }

        @ParameterizedTest
        @ValueSource(strings = {"/health?x=1", "*", "http://10.0.3.17:8080/health", "http://user@10.0.3.17/"})
        void judgingARequestTargetAllocatesNothing(String target) {
            assertThat(bytesAllocatedBy(() -> HostPolicy.judgeTarget(target))).as(target).isLessThan(CALLS);
        }

        /** Bytes this thread allocates in {@link #CALLS} calls, after one call that lets caches fill. */
        private long bytesAllocatedBy(Runnable call) {
            call.run();
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < CALLS; i++) {
                call.run();
            }
            return threads.getCurrentThreadAllocatedBytes() - before;
        }
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
        "''                       | MALFORMED",
        "127.0.0.1:8080:8080      | MALFORMED",
        "a@127.0.0.1              | USERINFO",
        "user:pw@example.com      | USERINFO",
        "example.com/path         | MALFORMED",
        "'example .com'           | MALFORMED",
        "' example.com'           | MALFORMED",
        "'example.com '           | MALFORMED",
        "'exa\tmple.com'          | MALFORMED",
        "ex%41mple.com            | MALFORMED",
        "a..b                     | MALFORMED",
        ".example.com             | MALFORMED",
        "'.'                      | MALFORMED",
        "exam!ple.com             | MALFORMED",
        "010.0.0.1                | NON_CANONICAL_IPV4",
        "127.0.0.01               | NON_CANONICAL_IPV4",
        "0x7f.0.0.1               | NON_CANONICAL_IPV4",
        "0177.0.0.1               | NON_CANONICAL_IPV4",
        "127.1                    | NON_CANONICAL_IPV4",
        "127.0.1                  | NON_CANONICAL_IPV4",
        "2130706433               | NON_CANONICAL_IPV4",
        "256.0.0.1                | NON_CANONICAL_IPV4",
        "1.2.3.4.5                | NON_CANONICAL_IPV4",
        "foo.123                  | NON_CANONICAL_IPV4",
        "127.0.0.1.               | NON_CANONICAL_IPV4",
        "0x7f000001               | NON_CANONICAL_IPV4",
        "0X7F000001:8080          | NON_CANONICAL_IPV4",
        "0x7f.0x0.0x0.0x1         | NON_CANONICAL_IPV4",
        "127.0.0.0x1              | NON_CANONICAL_IPV4",
        "127.0.0.0x1.             | NON_CANONICAL_IPV4",
        "example.0x               | NON_CANONICAL_IPV4",
        "example.0xff             | NON_CANONICAL_IPV4",
        "[0:0:0:0:0:0:0:1]        | NON_CANONICAL_IPV6",
        "[::0001]                 | NON_CANONICAL_IPV6",
        "[::1:0:0:0:0:0]          | NON_CANONICAL_IPV6",
        "[FE80::1]                | NON_CANONICAL_IPV6",
        "[fe80:0::1]              | NON_CANONICAL_IPV6",
        "[2001:db8::1:1:1:1:1]    | NON_CANONICAL_IPV6",
        "[2001:db8:0:0:1::1]      | NON_CANONICAL_IPV6",
        "[2001:0db8::1]:8080      | NON_CANONICAL_IPV6",
        "[64:ff9b::192.0.2.1]     | NON_CANONICAL_IPV6",
        "[::ffff:127.0.0.1]       | IPV4_IN_IPV6",
        "[::FFFF:7f00:1]          | IPV4_IN_IPV6",
        "[::ffff:7f00:1]          | IPV4_IN_IPV6",
        "[0:0:0:0:0:ffff:7f00:1]  | IPV4_IN_IPV6",
        "[::127.0.0.1]            | IPV4_IN_IPV6",
        "[::7f00:1]               | IPV4_IN_IPV6",
        "[::2]                    | IPV4_IN_IPV6",
        "[::１]               | MALFORMED",
        "[::١]               | MALFORMED",
        "[fe80::1%25eth0]         | ZONE_ID",
        "[fe80::1%eth0]:8080      | ZONE_ID",
        "::1                      | MALFORMED",
        "[::1                     | MALFORMED",
        "[::1]x                   | MALFORMED",
        "[::g]                    | MALFORMED",
        "[1:2:3:4:5:6:7:8:9]      | MALFORMED",
        "[1::2::3]                | MALFORMED",
        "[]                       | MALFORMED",
        "[127.0.0.1]              | MALFORMED",
        "127.0.0.1:               | BAD_PORT",
        "127.0.0.1:0              | BAD_PORT",
        "127.0.0.1:65536          | BAD_PORT",
        "127.0.0.1:08080          | BAD_PORT",
        "127.0.0.1:80a            | BAD_PORT",
        "127.0.0.1:+80            | BAD_PORT",
        "example.com:123456       | BAD_PORT",
        "[::1]:                   | BAD_PORT",
        "203.0.113.9              | NOT_LOCAL",
        "[2001:db8::1]            | NOT_LOCAL",
    })
    void refused(String value, String reason) throws Exception {
        Verdict expected = (Verdict) HostPolicy.class.getDeclaredField(reason).get(null);
        Verdict verdict = open.judge(host(value));
        assertThat(verdict).isSameAs(expected);
        assertThat(verdict.status()).isEqualTo(400);
        assertThat(verdict.reason()).doesNotContain(value.isBlank() ? "\u0000" : value.strip());
    }

    @Nested
    class HostLines {

        @Test
        void missingHostIsRefusedOnHttp11Only() {
            assertThat(open.judge(TestRequest.bare())).isSameAs(HostPolicy.MISSING);
            assertThat(open.judge(TestRequest.bare().protocol("HTTP/1.0"))).isSameAs(Verdict.accept());
        }

        @Test
        void twoHostLinesAreRefusedWhateverTheirCase() {
            assertThat(open.judge(host("127.0.0.1").header("host", "127.0.0.1"))).isSameAs(HostPolicy.SEVERAL);
            assertThat(open.judge(TestRequest.bare().header("HOST", "a").header("Host", "a")))
                    .isSameAs(HostPolicy.SEVERAL);
        }
    }

    @Nested
    class Settings {

        @ParameterizedTest
        @ValueSource(strings = {"10.0.0.1", "exa mple.com", "", "*.", "a..b", "*", "[::1]", "example.com:80"})
        void invalidAllowedNamesNameTheProperty(String entry) {
            assertThatIllegalArgumentException().isThrownBy(() -> HostPolicy.of(List.of(entry), List.of()))
                    .withMessageStartingWith("alb.hosts.allowed must hold host names such as api.example.com or"
                            + " *.example.com (IP addresses go in alb.hosts.allowed-cidrs), but had '");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "10.0.0.0          | it has no /prefix length",
            "10.0.0.0/33       | the prefix length is not a number from 0 to 32",
            "10.0.0.0/08       | the prefix length is not a number from 0 to 32",
            "10.0.0.0/         | the prefix length is not a number from 0 to 32",
            "fd00::/129        | the prefix length is not a number from 0 to 128",
            "10.0.0.1/8        | the address has bits set beyond the prefix length",
            "fd00::1/8         | the address has bits set beyond the prefix length",
            "10.0/16           | the address is not canonical dotted IPv4 or IPv6",
            "example.com/16    | the address is not canonical dotted IPv4 or IPv6",
        })
        void invalidCidrsNameThePropertyAndTheRule(String entry, String why) {
            assertThatIllegalArgumentException().isThrownBy(() -> HostPolicy.of(List.of(), List.of(entry)))
                    .withMessage("alb.hosts.allowed-cidrs must hold ranges such as 10.0.0.0/16 or fd00::/8, but had"
                            + " '" + entry + "' (" + why + ")");
        }
    }
}
