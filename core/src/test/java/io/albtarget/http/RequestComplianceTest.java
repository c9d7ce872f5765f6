package io.albtarget.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.AlbSettings;
import io.albtarget.TestRequest;
import io.albtarget.Verdict;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestComplianceTest {

    private final RequestCompliance compliance = RequestCompliance.of(AlbSettings.defaults());

    private Verdict judge(TestRequest request) {
        return compliance.judge(request);
    }

    @Test
    void albHealthCheckIsAccepted() {
        Verdict verdict = judge(TestRequest.get()
                .header("Connection", "close")
                .header("User-Agent", "ELB-HealthChecker/2.0")
                .header("Accept-Encoding", "gzip, compressed"));
        assertThat(verdict.isAccepted()).isTrue();
        assertThat(verdict).isSameAs(Verdict.accept());
    }

    @Nested
    class HeaderLines {

        @ParameterizedTest
        @ValueSource(strings = {" X-Folded", "\tX-Folded"})
        void continuationLineSeenAsANameIsObsFold(String name) {
            assertThat(judge(TestRequest.get().header(name, "b"))).isSameAs(HeaderLineRule.OBS_FOLD);
        }

        @ParameterizedTest
        @ValueSource(strings = {"a\r\n b", "a\r\n\tb", "a\n b"})
        void foldKeptInAValueIsObsFold(String value) {
            assertThat(judge(TestRequest.get().header("X-Test", value))).isSameAs(HeaderLineRule.OBS_FOLD);
        }

        @Test
        void emptyNameIsRejected() {
            assertThat(judge(TestRequest.get().header("", "value"))).isSameAs(HeaderLineRule.EMPTY_NAME);
        }

        @ParameterizedTest
        @ValueSource(strings = {"X-Test ", "X-Test\t"})
        void whitespaceBeforeTheColonIsRejected(String name) {
            assertThat(judge(TestRequest.get().header(name, "v"))).isSameAs(HeaderLineRule.SPACE_BEFORE_COLON);
        }

        @ParameterizedTest
        @ValueSource(strings = {"X Test", "X:Test", "X(Test)", "X\"", "X/Y", "Ä", "X\u0000", "X\u007f", "X@", "[x]",
            "X{", "X=1", "X;", "X,Y", "X?", "X\\"})
        void nonTokenNameIsRejected(String name) {
            assertThat(judge(TestRequest.get().header(name, "v"))).isSameAs(HeaderLineRule.INVALID_NAME);
        }

        @Test
        void everyTokenCharacterIsAccepted() {
            assertThat(judge(TestRequest.get().header("!#$%&'*+-.^_`|~09azAZ", "v")).isAccepted()).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"a\rb", "a\nb", "a\u0000b", "a\r\n", "a\r"})
        void crLfOrNulInAValueIsRejected(String value) {
            assertThat(judge(TestRequest.get().header("X-Test", value)))
                    .isSameAs(HeaderLineRule.CONTROL_IN_VALUE);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "a b\tc", "caf\u00e9", "\u0001\u007f"})
        void otherValuesPass(String value) {
            assertThat(judge(TestRequest.get().header("X-Test", value)).isAccepted()).isTrue();
        }

        @Test
        void rejectionsCarryStatus400AndAPrintableReason() {
            Verdict verdict = judge(TestRequest.get().header("", "v"));
            assertThat(verdict.status()).isEqualTo(400);
            assertThat(verdict.reason()).isEqualTo("header line with an empty name");
            assertThat(verdict).hasToString("400 header line with an empty name");
        }
    }

    @Nested
    class Framing {

        @Test
        void contentLengthWithTransferEncodingIsRejected() {
            assertThat(judge(TestRequest.get().method("POST").header("Content-Length", "5")
                    .header("Transfer-Encoding", "chunked"))).isSameAs(FramingRule.BOTH_LENGTH_AND_CODING);
            assertThat(judge(TestRequest.get().method("POST").header("transfer-encoding", "chunked")
                    .header("content-length", "5"))).isSameAs(FramingRule.BOTH_LENGTH_AND_CODING);
        }

        @Test
        void differingContentLengthsAreRejected() {
            assertThat(judge(TestRequest.get().method("POST").header("Content-Length", "5")
                    .header("Content-Length", "7"))).isSameAs(FramingRule.DIFFERING_LENGTHS);
            assertThat(judge(TestRequest.get().method("POST").header("Content-Length", "5, 7")))
                    .isSameAs(FramingRule.DIFFERING_LENGTHS);
        }

        @Test
        void repeatedEqualContentLengthsPass() {
            assertThat(judge(TestRequest.get().method("POST").header("Content-Length", "5")
                    .header("Content-Length", "5")).isAccepted()).isTrue();
            assertThat(judge(TestRequest.get().method("POST").header("Content-Length", "5 , 5")).isAccepted())
                    .isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "abc", "-1", "+5", "5x", "0x10", "1.0", "5,", ",5",
            "1234567890123456789"})
        void invalidContentLengthIsRejected(String value) {
            assertThat(judge(TestRequest.get().method("POST").header("Content-Length", value)))
                    .isSameAs(FramingRule.INVALID_LENGTH);
        }

        @ParameterizedTest
        @ValueSource(strings = {"gzip, chunked", "gzip", "deflate", "compress", "chunked, gzip", "x-custom",
            "chunked2", "", " , "})
        void codingOtherThanChunkedOrIdentityIs501(String value) {
            Verdict verdict = judge(TestRequest.get().method("POST").header("Transfer-Encoding", value));
            assertThat(verdict).isSameAs(FramingRule.UNSUPPORTED_CODING);
            assertThat(verdict.status()).isEqualTo(501);
        }

        @ParameterizedTest
        @ValueSource(strings = {"chunked", "CHUNKED", " chunked ", "identity, chunked", "chunked;foo=bar",
            "identity", "chunked,"})
        void chunkedAndIdentityPass(String value) {
            assertThat(judge(TestRequest.get().method("POST").header("Transfer-Encoding", value)).isAccepted())
                    .isTrue();
        }

        @Test
        void chunkedTwiceIsRejected() {
            assertThat(judge(TestRequest.get().method("POST").header("Transfer-Encoding", "chunked, chunked")))
                    .isSameAs(FramingRule.CHUNKED_TWICE);
            assertThat(judge(TestRequest.get().method("POST").header("Transfer-Encoding", "chunked")
                    .header("Transfer-Encoding", "chunked"))).isSameAs(FramingRule.CHUNKED_TWICE);
        }
    }

    @Nested
    class Order {

        @Test
        void headerSyntaxIsJudgedBeforeHost() {
            assertThat(judge(TestRequest.bare().header(" X", "v"))).isSameAs(HeaderLineRule.OBS_FOLD);
        }

        @Test
        void hostIsJudged() {
            assertThat(judge(TestRequest.bare()).status()).isEqualTo(400);
            assertThat(judge(TestRequest.bare().header("Host", "127.0.0.1:8080:8080")).status()).isEqualTo(400);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"5|5", "0|0", "' 12 '|12", "007|7", "5,5,5|5", "5,6|-2", "x|-1"})
    void contentLengthParsing(String value, long expected) {
        assertThat(FramingRule.contentLength(value)).isEqualTo(expected);
    }
}
