package io.albtarget.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.AlbSettings;
import io.albtarget.TestRequest;
import io.albtarget.Verdict;
import io.albtarget.http.DesyncCases;
import io.albtarget.http.DesyncReason;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The rules on a parsed request")
class RequestComplianceTest {

    private static final int GUARDED_PORT = 18_711;

    private final RequestCompliance compliance = RequestCompliance.of(AlbSettings.defaults());

    private Verdict judge(TestRequest request) {
        return compliance.judge(request);
    }

    @AfterEach
    void forgetGuardedPort() {
        while (GuardedPorts.isGuarded(GUARDED_PORT)) {
            GuardedPorts.unregister(GUARDED_PORT);
        }
    }

    @Test
    void albHealthCheckIsAcceptedAndKeepsTheConnection() {
        Verdict verdict = judge(TestRequest.get()
                .header("Connection", "close")
                .header("User-Agent", "ELB-HealthChecker/2.0")
                .header("Accept-Encoding", "gzip, compressed"));
        assertThat(verdict).isSameAs(Verdict.accept());
    }

    /**
     * The cases a parsed request can show (every line ended by CRLF, no fold, a colon in every field line), as the
     * server would hand them over.
     */
    static Stream<DesyncCases.Case> parsedCases() {
        return DesyncCases.all().stream().filter(c -> c.complete() && parse(c.bytes()).isPresent());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parsedCases")
    @DisplayName("judge a parsed request as the guard judges its bytes")
    void sameVerdictAsTheGuard(DesyncCases.Case c) {
        RequestHeadGuard guard = new RequestHeadGuard();
        byte[] bytes = c.bytes();
        boolean guardRefuses = guard.scan(bytes, 0, bytes.length) >= 0;
        Verdict verdict = judge(parse(c.bytes()).orElseThrow());
        assertThat(!verdict.isAccepted()).as("refused; the guard said %s", guard.refusal()).isEqualTo(guardRefuses);
        if (guardRefuses) {
            assertThat(verdict.status()).isEqualTo(guard.refusal().status());
        } else {
            assertThat(verdict.closesConnection()).isEqualTo(c.reason().defensive() == DesyncReason.Defensive.CLOSE);
        }
    }

    @Nested
    @DisplayName("on a port without a guard")
    class Unguarded {

        @ParameterizedTest
        @ValueSource(strings = {"a\r\n b", "a\rb", "a\nb", "a\u0000b", "a\r\n"})
        void crLfOrNulKeptInAValueIsRefused(String value) {
            assertThat(judge(TestRequest.get().header("X-Test", value)))
                    .isEqualTo(DesyncReason.BAD_HEADER.refusal());
        }

        @ParameterizedTest
        @ValueSource(strings = {" X-Folded", "\tX-Folded", "X-Test ", "X Test", "X(Test)", "X\"", "X/Y", "\u00c4"})
        void nonTokenNamesAreRefused(String name) {
            assertThat(judge(TestRequest.get().header(name, "v")))
                    .isEqualTo(DesyncReason.NON_COMPLIANT_HEADER.refusal());
        }

        @Test
        void emptyNameIsRefused() {
            Verdict verdict = judge(TestRequest.get().header("", "v"));
            assertThat(verdict.status()).isEqualTo(400);
            assertThat(verdict.reason()).isEqualTo("header line with an empty name");
        }

        @Test
        void everyTokenCharacterIsAccepted() {
            assertThat(judge(TestRequest.get().header("!#$%&'*+-.^_`|~09azAZ", "v")).isAccepted()).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "a b\tc", "caf\u00e9"})
        void ordinaryValuesPass(String value) {
            assertThat(judge(TestRequest.get().header("X-Test", value))).isSameAs(Verdict.accept());
        }

        @ParameterizedTest
        @ValueSource(strings = {"gzip, chunked", "gzip", "deflate", "compress", "identity", "identity, chunked"})
        void codingsTheAlbAnswersWith501(String value) {
            Verdict verdict = judge(TestRequest.get().method("POST").header("Transfer-Encoding", value));
            assertThat(verdict.status()).isEqualTo(501);
        }

        @Test
        void aTargetWithAControlByteIsRefused() {
            assertThat(judge(TestRequest.get().target("/a\tb"))).isEqualTo(DesyncReason.AMBIGUOUS_URI.refusal());
        }

        @Test
        void hostIsJudgedAfterTheDesyncRules() {
            assertThat(judge(TestRequest.bare()).reason()).isEqualTo("Host header is missing");
            assertThat(judge(TestRequest.bare().header("X-Test", "a\u0000"))).isEqualTo(
                    DesyncReason.BAD_HEADER.refusal());
        }
    }

    @Nested
    @DisplayName("on a port whose guard judged the bytes already")
    class Guarded {

        private TestRequest get() {
            GuardedPorts.register(GUARDED_PORT);
            return TestRequest.bare().local("127.0.0.1", GUARDED_PORT).header("Host", "127.0.0.1");
        }

        @Test
        void leavesByteLevelRulesToTheGuard() {
            assertThat(judge(get().header("X Test", "a\u0001").target("/a\tb"))).isSameAs(Verdict.accept());
        }

        @Test
        void stillJudgesTheHost() {
            assertThat(judge(get().header("Host", "203.0.113.9")).status()).isEqualTo(400);
        }

        @Test
        void stillClosesAfterAGetWithABody() {
            assertThat(judge(get().header("Content-Length", "5"))).isSameAs(Verdict.acceptAndClose());
            assertThat(judge(get().header("transfer-encoding", "chunked"))).isSameAs(Verdict.acceptAndClose());
            assertThat(judge(get().method("POST").header("Content-Length", "5"))).isSameAs(Verdict.accept());
        }

        @Test
        void stillRefusesWhatTheServerParsedIntoAFramingNoGuardWouldPass() {
            assertThat(judge(get().method("POST").header("Content-Length", "5").header("Transfer-Encoding",
                    "chunked")).status()).isEqualTo(400);
        }
    }

    /**
     * A complete head of CRLF lines without folds, each field line with a colon, as the server would hand it over
     * parsed; or empty when a parsed request cannot show those bytes.
     */
    static Optional<TestRequest> parse(byte[] bytes) {
        String raw = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = raw.indexOf("\r\n\r\n");
        if (end < 0) {
            return Optional.empty();
        }
        String head = raw.substring(0, end + 2);
        if (head.replace("\r\n", "").contains("\n") || head.replace("\r\n", "").contains("\r")) {
            return Optional.empty();
        }
        String[] lines = raw.substring(0, end).split("\r\n", -1);
        String line = lines[0];
        int first = line.indexOf(' ');
        int last = line.lastIndexOf(' ');
        if (first < 0 || last == first || line.endsWith(" ")) {
            return Optional.empty();
        }
        TestRequest request = TestRequest.bare().local("127.0.0.1", 80).method(line.substring(0, first))
                .target(line.substring(first + 1, last)).protocol(line.substring(last + 1));
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon < 0 || lines[i].startsWith(" ") || lines[i].startsWith("\t")) {
                return Optional.empty();
            }
            request.header(lines[i].substring(0, colon), withoutBlanks(lines[i].substring(colon + 1)));
        }
        return Optional.of(request);
    }

    /** The value without the spaces and tabs around it, as servers trim it (and no other byte). */
    private static String withoutBlanks(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && (value.charAt(start) == ' ' || value.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\t')) {
            end--;
        }
        return value.substring(start, end);
    }
}
