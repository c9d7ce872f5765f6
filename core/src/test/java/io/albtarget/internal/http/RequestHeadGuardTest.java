package io.albtarget.internal.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.AlbSettings;
import io.albtarget.Verdict;
import io.albtarget.http.DesyncReason;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The request-head guard")
class RequestHeadGuardTest {

    /** How the reads reach the guard. */
    enum Feed {
        /** {@code scan(byte[], from, to)} on a padded array. */
        ARRAY,
        /** {@code scan(ByteBuffer)} on a heap slice with a non-zero array offset and a non-zero position. */
        HEAP_SLICE,
        /** {@code scan(ByteBuffer)} on a direct buffer with a non-zero position. */
        DIRECT,
        /** {@code scan(ByteBuffer)} on a read-only heap buffer, which hides its array. */
        READ_ONLY,
        /** The other kinds in turn, one per read. */
        MIXED
    }

    record Outcome(int refusedAt, boolean passThrough, Verdict refusal) {
    }

    static final Outcome CLEAN = new Outcome(-1, false, Verdict.accept());
    static final Outcome PASSED_THROUGH = new Outcome(-1, true, Verdict.accept());
    static final Verdict OBS_FOLD = DesyncReason.MULTILINE_HEADER.refusal();
    static final Verdict EMPTY_NAME = DesyncReason.EMPTY_HEADER.refusal();
    static final Verdict BARE_LF = DesyncReason.NON_CRLF_LINE_TERMINATION.refusal();

    private static final int PAD = 6;
    private static final byte[] FILLER = bytes("\n :\r\n\t");
    private static final int[][] READS = {{Integer.MAX_VALUE}, {1}, {2}, {3}, {7, 1, 2}, {1, 0, 4}, {16, 5}};

    private static final String CLEAN_GET = "GET /a HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\n\r\n";
    private static final String FOLDED_GET = "GET /b HTTP/1.1\r\nHost: example.com\r\nX-Folded: a\r\n b\r\n\r\n";
    private static final String FOLD_LIKE = "x\r\n y\r\n\tz\r\n:w\r\n\r\n \r\n0\r\n\r\nGET / HTTP/1.1\r\n\r\n";

    static byte[] bytes(String text) {
        return text.getBytes(ISO_8859_1);
    }

    static Outcome refused(int at, Verdict verdict) {
        return new Outcome(at, false, verdict);
    }

    static Outcome refused(int at, DesyncReason reason) {
        return refused(at, reason.refusal());
    }

    /**
     * Feeds {@code input} to the guard in reads of the given sizes (taken in turn, repeated; a 0 is an empty read).
     *
     * @return the offset in {@code input} of the first refused byte, or -1
     */
    static int firstRefused(RequestHeadGuard guard, byte[] input, Feed feed, int... sizes) {
        if (Arrays.stream(sizes).noneMatch(size -> size > 0)) {
            throw new IllegalArgumentException("no read would make progress: " + Arrays.toString(sizes));
        }
        Feed[] kinds = {Feed.ARRAY, Feed.HEAP_SLICE, Feed.DIRECT, Feed.READ_ONLY};
        int from = 0;
        for (int read = 0; from < input.length; read++) {
            int length = Math.min(sizes[read % sizes.length], input.length - from);
            Feed kind = feed == Feed.MIXED ? kinds[read % kinds.length] : feed;
            int found = scanRead(guard, input, from, length, kind);
            if (found >= 0) {
                return from + found;
            }
            from += length;
        }
        return -1;
    }

    /** @return the offset of the first refused byte within this read, or -1 */
    private static int scanRead(RequestHeadGuard guard, byte[] input, int from, int length, Feed kind) {
        byte[] padded = new byte[length + 2 * PAD];
        for (int i = 0; i < padded.length; i++) {
            padded[i] = FILLER[i % FILLER.length];
        }
        System.arraycopy(input, from, padded, PAD, length);
        int found;
        int start;
        if (kind == Feed.ARRAY) {
            start = PAD;
            found = guard.scan(padded, PAD, PAD + length);
        } else {
            ByteBuffer buffer = switch (kind) {
                case HEAP_SLICE -> ByteBuffer.wrap(padded, 2, padded.length - 4).slice();
                case READ_ONLY -> ByteBuffer.wrap(padded).asReadOnlyBuffer();
                default -> ByteBuffer.allocateDirect(padded.length).put(padded);
            };
            start = kind == Feed.HEAP_SLICE ? PAD - 2 : PAD;
            buffer.limit(start + length).position(start);
            found = guard.scan(buffer);
            assertThat(buffer.position()).as("position after scan").isEqualTo(start);
            assertThat(buffer.limit()).as("limit after scan").isEqualTo(start + length);
        }
        if (found < 0) {
            assertThat(found).isEqualTo(-1);
            return -1;
        }
        assertThat(found).as("refused index within the read").isBetween(start, start + length - 1);
        return found - start;
    }

    /** Feeds the whole input on a fresh guard in every feed and every split of {@link #READS}. */
    static void assertOutcome(String input, Outcome expected) {
        byte[] bytes = bytes(input);
        for (Feed feed : Feed.values()) {
            for (int[] sizes : READS) {
                RequestHeadGuard guard = new RequestHeadGuard();
                int at = firstRefused(guard, bytes, feed, sizes);
                assertThat(new Outcome(at, guard.isPassThrough(), guard.refusal()))
                        .as("%s in reads of %s", feed, Arrays.toString(sizes)).isEqualTo(expected);
            }
        }
    }

    /**
     * Whether the bytes from {@code expected} up to {@code refused} are all CR, SP or HTAB: a read that ended on a CR
     * or space whose meaning the next byte gives moves the refusal from that byte to the one that decided it.
     */
    static boolean onlyPendingBytesBetween(byte[] input, int expected, int refused) {
        if (expected < 0 || refused <= expected) {
            return false;
        }
        for (int i = expected; i < refused; i++) {
            if (input[i] != '\r' && input[i] != ' ' && input[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    private static int scanAll(RequestHeadGuard guard, String input) {
        return firstRefused(guard, bytes(input), Feed.ARRAY, Integer.MAX_VALUE);
    }

    private static void respond(RequestHeadGuard guard, String response) {
        guard.onResponse(ByteBuffer.wrap(bytes(response)));
    }

    private static String withLength(String head, String body) {
        return "POST /up HTTP/1.1\r\nHost: example.com\r\n" + head + ": " + body.length() + "\r\n\r\n" + body;
    }

    private static String chunk(String data) {
        return Integer.toHexString(data.length()).toUpperCase(Locale.ROOT) + "\r\n" + data + "\r\n";
    }

    private static int foldIn(String input) {
        return input.lastIndexOf("\r\n b") + 2;
    }

    @Nested
    @DisplayName("lets well-formed heads through")
    class CleanHeads {

        @Test
        void cleanGet() {
            assertOutcome(CLEAN_GET, CLEAN);
        }

        @Test
        void pipelinedCleanGets() {
            assertOutcome(CLEAN_GET + CLEAN_GET + CLEAN_GET, CLEAN);
        }

        @Test
        void requestWithoutFieldLines() {
            assertOutcome("GET / HTTP/1.1\r\n\r\n" + CLEAN_GET, CLEAN);
        }

        @ParameterizedTest
        @ValueSource(strings = {"\r\n", "\n", "\r\n\r\n\n"})
        void emptyLinesBeforeTheRequestLine(String leading) {
            assertOutcome(leading + CLEAN_GET + leading + CLEAN_GET, CLEAN);
        }

        @Test
        void whitespaceAndColonsInsideFieldValues() {
            assertOutcome("GET / HTTP/1.1\r\nX-A:  a \t b : c\t\r\nX-B:\r\nX-C::\r\n\r\n", CLEAN);
        }

        @Test
        void obsTextInsideFieldValues() {
            assertOutcome("GET / HTTP/1.1\r\nX-A: \u00ff\u0080\u00e9\r\n\r\n", CLEAN);
        }
    }

    @Nested
    @DisplayName("refuses at the byte that decides")
    class RefusedBytes {

        @ParameterizedTest
        @ValueSource(strings = {" ", "\t"})
        void obsFoldAtTheWhitespaceByte(String whitespace) {
            String input = "GET / HTTP/1.1\r\nHost: a\r\nX-Folded: a\r\n" + whitespace + "b\r\n\r\n";
            assertOutcome(input, refused(input.indexOf("\r\n" + whitespace) + 2, OBS_FOLD));
        }

        @Test
        void emptyNameAtTheColon() {
            String input = "GET / HTTP/1.1\r\nHost: a\r\n: value\r\n\r\n";
            assertOutcome(input, refused(input.indexOf("\r\n:") + 2, EMPTY_NAME));
        }

        @ParameterizedTest
        @ValueSource(strings = {" ", "\t"})
        void whitespaceBeforeTheFirstFieldLine(String whitespace) {
            assertOutcome("GET / HTTP/1.1\r\n" + whitespace + "X: y\r\n\r\n", refused(16, OBS_FOLD));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "GET / HTTP/1.1\\nX: a\\r\\n\\r\\n|14",
            "GET / HTTP/1.1\\r\\nX: a\\n\\r\\n|20",
            "GET / HTTP/1.1\\r\\nX: a\\r\\n\\n|22",
            "GET /\\n\\n|5",
        })
        void bareLineFeedsAtTheLineFeed(String escaped, int at) {
            assertOutcome(unescape(escaped), refused(at, at == 5 ? BARE_LF
                    : DesyncReason.NON_CRLF_LINE_TERMINATION.refusal()));
        }

        @Test
        void aBareCrIsRefusedAtTheCrWhenTheNextByteCameInTheSameRead() {
            String input = "GET / HTTP/1.1\r\nX-Test: a\rb\r\n\r\n";
            RequestHeadGuard guard = new RequestHeadGuard();
            assertThat(scanAll(guard, input)).isEqualTo(input.indexOf("a\rb") + 1);
            assertThat(guard.refusal()).isEqualTo(DesyncReason.BAD_HEADER.refusal());
        }

        @Test
        void aBareCrAtTheEndOfAReadIsRefusedAtTheNextByte() {
            String text = "GET / HTTP/1.1\r\nX-Test: a\rb\r\n\r\n";
            byte[] input = bytes(text);
            int cr = text.indexOf("a\rb") + 1;
            RequestHeadGuard guard = new RequestHeadGuard();
            assertThat(guard.scan(input, 0, cr + 1)).isEqualTo(-1);
            assertThat(guard.scan(input, cr + 1, input.length)).isEqualTo(cr + 1);
        }

        @Test
        void aSpaceAfterWhatLooksLikeTheVersionIsRefusedAtTheSpace() {
            RequestHeadGuard guard = new RequestHeadGuard();
            assertThat(scanAll(guard, "GET /a b HTTP/1.1\r\n\r\n")).isEqualTo(8);
            assertThat(guard.refusal()).isEqualTo(DesyncReason.SPACE_IN_URI.refusal());
        }

        @Test
        void aSpaceAfterTheVersionIsRefusedAtTheSpace() {
            String input = "GET / HTTP/1.1 \r\n\r\n";
            RequestHeadGuard guard = new RequestHeadGuard();
            assertThat(scanAll(guard, input)).isEqualTo(14);
            assertThat(guard.refusal()).isEqualTo(DesyncReason.NON_COMPLIANT_VERSION.refusal());
        }

        @ParameterizedTest
        @EnumSource(AlbSettings.DesyncMitigationMode.class)
        void aSpaceAfterTheTargetAndNoVersionIsHttp09AndRefusedInEveryMode(AlbSettings.DesyncMitigationMode mode) {
            String input = CLEAN_GET + "GET / \r\nX: y\r\n\r\n";
            for (int[] reads : READS) {
                RequestHeadGuard guard = new RequestHeadGuard(DesyncPolicy.of(mode));
                int refused = firstRefused(guard, bytes(input), Feed.ARRAY, reads);
                assertThat(refused).as("%s in reads of %s", mode, Arrays.toString(reads))
                        .isBetween(CLEAN_GET.length() + 5, CLEAN_GET.length() + 7);
                assertThat(guard.refusal()).isEqualTo(DesyncReason.NON_COMPLIANT_VERSION.refusal());
            }
        }

        @Test
        void foldedRequestAfterCleanOnesOnTheSameConnection() {
            String input = CLEAN_GET + CLEAN_GET + FOLDED_GET + CLEAN_GET;
            assertOutcome(input, refused(foldIn(input), OBS_FOLD));
        }

        @Test
        void framingRulesAtTheEndOfTheirLine() {
            String input = "POST / HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n";
            assertOutcome(input, refused(input.length() - 3, DesyncReason.BOTH_TE_CL_PRESENT));
        }

        @Test
        void headRulesAtTheEmptyLine() {
            String input = "GET / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n";
            assertOutcome(input, refused(input.indexOf("\r\n\r\n") + 3,
                    DesyncReason.TRANSFER_ENCODING_BEFORE_HTTP_1_1));
        }

        @ParameterizedTest
        @ValueSource(strings = {"http://user@127.0.0.1/", "http://u:p@10.0.3.17:8080/x?y", "HTTPS://a@b", "a@b:443"})
        void aTargetWithUserinfoIsRefusedAtItsEnd(String target) {
            String line = "GET " + target + " HTTP/1.1\r\n";
            RequestHeadGuard guard = new RequestHeadGuard();
            assertThat(scanAll(guard, line + "\r\n")).isEqualTo(line.indexOf(" HTTP/1.1"));
            assertThat(guard.refusal().reason()).isEqualTo("request target must not carry userinfo");
        }

        @ParameterizedTest
        @ValueSource(strings = {"http://127.0.0.1/a@b", "/a@b", "*", "http://127.0.0.1?x@y"})
        void anAtSignOutsideTheAuthorityIsFine(String target) {
            assertOutcome("GET " + target + " HTTP/1.1\r\n\r\n", CLEAN);
        }

        @Test
        void anAuthorityLongerThanAKibIsRefused() {
            String line = "GET http://" + "a".repeat(2000) + "/ HTTP/1.1\r\n";
            RequestHeadGuard guard = new RequestHeadGuard();
            assertThat(scanAll(guard, line + "\r\n")).isEqualTo(line.indexOf(" HTTP/1.1"));
            assertThat(guard.refusal()).isEqualTo(RequestHeadGuard.LONG_AUTHORITY);
            assertOutcome("GET http://a/" + "b".repeat(2000) + " HTTP/1.1\r\n\r\n", CLEAN);
        }

        private static String unescape(String text) {
            return text.replace("\\n", "\n").replace("\\t", "\t").replace("\\r", "\r");
        }
    }

    @Nested
    @DisplayName("after a refusal, refuses every later byte until reset")
    class AfterARefusal {

        private final RequestHeadGuard guard = new RequestHeadGuard();

        @Test
        void everyLaterScanRefusesItsFirstByte() {
            assertThat(scanAll(guard, FOLDED_GET)).isEqualTo(foldIn(FOLDED_GET));
            byte[] clean = bytes(CLEAN_GET);
            assertThat(guard.scan(clean, 0, clean.length)).isZero();
            assertThat(guard.scan(clean, 5, 9)).isEqualTo(5);
            assertThat(guard.scan(ByteBuffer.wrap(clean, 3, 4).slice().position(2))).isEqualTo(2);
            assertThat(guard.scan(ByteBuffer.allocateDirect(clean.length).put(clean).position(7))).isEqualTo(7);
            assertThat(guard.scan(clean, 4, 4)).isEqualTo(-1);
        }

        @Test
        void theRefusalSaysWhatToAnswer() {
            assertThat(guard.refusal()).isEqualTo(Verdict.accept());
            scanAll(guard, "GET / HTTP/1.1\r\n: x\r\n\r\n");
            assertThat(guard.refusal().status()).isEqualTo(400);
            assertThat(guard.refusal().reason()).isEqualTo("header line with an empty name");
            assertThat(guard.isPassThrough()).isFalse();
        }

        @Test
        void aLaterSwitchingProtocolsAnswerChangesNothing() {
            scanAll(guard, "GET / HTTP/1.1\r\nUpgrade: h2c\r\n\tx\r\n\r\n");
            respond(guard, "HTTP/1.1 101 Switching Protocols\r\n\r\n");
            assertThat(guard.isPassThrough()).isFalse();
            assertThat(scanAll(guard, "x")).isZero();
        }

        @Test
        void resetMakesTheGuardUsableAgain() {
            scanAll(guard, FOLDED_GET);
            guard.reset();
            assertThat(guard.refusal()).isEqualTo(Verdict.accept());
            assertThat(scanAll(guard, CLEAN_GET)).isEqualTo(-1);
            assertThat(scanAll(guard, FOLDED_GET)).isEqualTo(foldIn(FOLDED_GET));
            assertThat(guard.refusal()).isEqualTo(OBS_FOLD);
        }

        @Test
        void resetStartsOverInTheMiddleOfABody() {
            assertThat(scanAll(guard, withLength("Content-Length", "x".repeat(100)).substring(0, 80))).isEqualTo(-1);
            guard.reset();
            assertThat(scanAll(guard, FOLDED_GET)).isEqualTo(foldIn(FOLDED_GET));
        }

        @Test
        void resetEndsPassThrough() {
            scanAll(guard, "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
            assertThat(guard.isPassThrough()).isTrue();
            guard.reset();
            assertThat(guard.isPassThrough()).isFalse();
            assertThat(scanAll(guard, FOLDED_GET)).isEqualTo(foldIn(FOLDED_GET));
        }

        @Test
        void resetForgetsAPendingUpgrade() {
            scanAll(guard, "GET / HTTP/1.1\r\nUpgrade: websocket\r\n\r\n");
            guard.reset();
            respond(guard, "HTTP/1.1 101 Switching Protocols\r\n\r\n");
            assertThat(guard.isPassThrough()).isFalse();
        }
    }

    @Nested
    @DisplayName("skips Content-Length bodies to find the next head")
    class ContentLengthBodies {

        @Test
        void foldLikeBytesInABodyAreNotRefusedButTheNextFoldedRequestIs() {
            String post = withLength("Content-Length", FOLD_LIKE);
            assertOutcome(post + CLEAN_GET, CLEAN);
            String input = post + FOLDED_GET;
            assertOutcome(input, refused(foldIn(input), OBS_FOLD));
        }

        @Test
        void bodyOfEveryByteValue() {
            StringBuilder body = new StringBuilder();
            for (char c = 0; c < 256; c++) {
                body.append(c).append("\r\n").append(c);
            }
            String input = withLength("Content-Length", body.toString()) + FOLDED_GET;
            assertOutcome(input, refused(foldIn(input), OBS_FOLD));
        }

        @Test
        void zeroLength() {
            String input = "POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n" + FOLDED_GET;
            assertOutcome(input, refused(foldIn(input), OBS_FOLD));
        }

        @ParameterizedTest
        @ValueSource(strings = {"content-length", "CONTENT-LENGTH", "content-LENGTH", "Content-length"})
        void nameIsCaseInsensitive(String name) {
            String input = withLength(name, FOLD_LIKE) + FOLDED_GET;
            assertOutcome(input, refused(foldIn(input), OBS_FOLD));
        }

        @ParameterizedTest
        @ValueSource(strings = {"Content-Length:17", "Content-Length:  17 \t", "Content-Length: 017",
            "Content-Length:\t17\t"})
        void valueWithWhitespaceOrLeadingZeros(String field) {
            String input = "POST / HTTP/1.1\r\n" + field + "\r\n\r\n" + FOLD_LIKE.substring(0, 17) + FOLDED_GET;
            assertOutcome(input, refused(foldIn(input), OBS_FOLD));
        }

        @ParameterizedTest
        @ValueSource(strings = {"Content-Lengthy", "Content-Lengt", "XContent-Length", "Transfer-Encod",
            "Content-Lengthing", "Transfer-Length", "Upgrade"})
        void aFieldNamedOnlyLikeAFramingFieldFramesNothing(String name) {
            String second = "GET / HTTP/1.1\r\n X: y\r\n\r\n";
            String first = "GET / HTTP/1.1\r\n" + name + ": 17\r\n\r\n";
            assertOutcome(first + second, refused(first.length() + 16, OBS_FOLD));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "abc", "-1", "+5", "5 5", "0x10", "5,5", "5, 5", "1e3",
            "99999999999999999999", "1000000000000000000", "\u00b9"})
        void aValueTheGuardCannotFollowIsRefusedInEveryMode(String value) {
            String head = "POST / HTTP/1.1\r\nContent-Length: " + value + "\r\n";
            for (AlbSettings.DesyncMitigationMode mode : AlbSettings.DesyncMitigationMode.values()) {
                RequestHeadGuard guard = new RequestHeadGuard(DesyncPolicy.of(mode));
                assertThat(scanAll(guard, head + "\r\n" + FOLDED_GET)).as("%s", mode).isEqualTo(head.length() - 1);
                assertThat(guard.refusal()).isEqualTo(DesyncReason.BAD_CONTENT_LENGTH.refusal());
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"Content-Length: 5\r\ncontent-length: 6", "Content-Length: 5\r\nContent-Length: 5"})
        void severalFieldsAreRefusedInEveryMode(String fields) {
            String head = "POST / HTTP/1.1\r\n" + fields + "\r\n";
            for (AlbSettings.DesyncMitigationMode mode : AlbSettings.DesyncMitigationMode.values()) {
                RequestHeadGuard guard = new RequestHeadGuard(DesyncPolicy.of(mode));
                assertThat(scanAll(guard, head + "\r\nhello" + FOLDED_GET)).as("%s", mode)
                        .isEqualTo(head.length() - 1);
            }
        }

        @Test
        void longBodySpanningManyReads() {
            String body = "\r\n ".repeat(40_000);
            String input = withLength("Content-Length", body) + FOLDED_GET;
            RequestHeadGuard guard = new RequestHeadGuard();
            assertThat(firstRefused(guard, bytes(input), Feed.MIXED, 8192, 1, 333)).isEqualTo(foldIn(input));
        }
    }

    @Nested
    @DisplayName("follows chunked bodies to find the next head")
    class ChunkedBodies {

        private static final String HEAD =
                "POST /up HTTP/1.1\r\nHost: example.com\r\nTransfer-Encoding: chunked\r\n\r\n";

        private final String body = chunk(FOLD_LIKE.substring(0, 26))
                + "b;name=\"v\";x\r\n" + FOLD_LIKE.substring(0, 11) + "\r\n"
                + chunk(FOLD_LIKE) + "0\r\n\r\n";

        private String withTrailer(String fields) {
            return body.substring(0, body.length() - 2) + fields + "\r\n";
        }

        @Test
        void foldLikeChunkDataIsNotRefusedButTheNextFoldedRequestIs() {
            assertThat(body).startsWith("1A\r\n");
            assertOutcome(HEAD + body + CLEAN_GET, CLEAN);
            String input = HEAD + body + FOLDED_GET;
            assertOutcome(input, refused(foldIn(input), OBS_FOLD));
        }

        @Test
        void lowercaseHexAndExtensionsWithWhitespace() {
            String chunks = "1a ; a=b\r\n" + FOLD_LIKE.substring(0, 26) + "\r\nA;x\r\n" + FOLD_LIKE.substring(0, 10)
                    + "\r\n00;last\r\n\r\n";
            String input = HEAD + chunks + FOLDED_GET;
            assertOutcome(input, refused(foldIn(input), OBS_FOLD));
        }

        @Test
        void cleanTrailerFields() {
            String input = HEAD + withTrailer("X-Sum: 1\r\nX-Other: a b\r\n") + FOLDED_GET;
            assertOutcome(input, refused(foldIn(input), OBS_FOLD));
        }

        @ParameterizedTest
        @ValueSource(strings = {" ", "\t"})
        void obsFoldInATrailer(String whitespace) {
            String input = HEAD + withTrailer("X-Sum: 1\r\n" + whitespace + "2\r\n");
            assertOutcome(input, refused(input.lastIndexOf("\r\n" + whitespace) + 2, OBS_FOLD));
        }

        @Test
        void emptyNameInATrailer() {
            String input = HEAD + "0\r\nX-Sum: 1\r\n: 2\r\n\r\n";
            assertOutcome(input, refused(input.lastIndexOf("\r\n:") + 2, EMPTY_NAME));
        }

        @ParameterizedTest
        @ValueSource(strings = {"CHUNKED", " chunked\t", "Chunked"})
        void chunkedInAnyCaseIsFollowed(String coding) {
            String input = HEAD.replace("chunked", coding) + body + FOLDED_GET;
            assertOutcome(input, refused(foldIn(input), OBS_FOLD));
        }

        @ParameterizedTest
        @ValueSource(strings = {"chunked,", ", chunked", ",,chunked , ,"})
        void chunkedWithEmptyElementsIsFollowedWhereTheModeServesIt(String coding) {
            String input = HEAD.replace("chunked", coding) + body + FOLDED_GET;
            RequestHeadGuard monitor = new RequestHeadGuard(DesyncPolicy.of(AlbSettings.DesyncMitigationMode.MONITOR));
            assertThat(scanAll(monitor, input)).isEqualTo(-1);
            RequestHeadGuard defensive = new RequestHeadGuard();
            assertThat(scanAll(defensive, input)).isEqualTo(HEAD.indexOf("\r\n\r\n") + coding.length() - 7 + 1);
            assertThat(defensive.refusal()).isEqualTo(DesyncReason.BAD_TRANSFER_ENCODING.refusal());
        }

        @Test
        void nameIsCaseInsensitive() {
            String input = HEAD.replace("Transfer-Encoding", "transfer-ENCODING") + body + FOLDED_GET;
            assertOutcome(input, refused(foldIn(input), OBS_FOLD));
        }

        @ParameterizedTest
        @ValueSource(strings = {"chunked, gzip", "gzip", "gzip, chunked", "identity", "chunkedx", "chunked chunked",
            "xchunked", "chunked;q=1", "chunked\r\nTransfer-Encoding: chunked", "", "chunked, chunked"})
        void anyOtherCodingIsRefusedInEveryMode(String codings) {
            String input = HEAD.replace("chunked", codings) + body + FOLDED_GET;
            for (AlbSettings.DesyncMitigationMode mode : AlbSettings.DesyncMitigationMode.values()) {
                RequestHeadGuard guard = new RequestHeadGuard(DesyncPolicy.of(mode));
                assertThat(scanAll(guard, input)).as("%s", mode).isBetween(0, HEAD.length() + codings.length());
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"Transfer-Encoding: chunked\r\nContent-Length: 5",
            "Content-Length: 5\r\nTransfer-Encoding: chunked", "Transfer-Encoding: gzip\r\nContent-Length: 5"})
        void transferEncodingWithContentLengthIsRefusedInEveryMode(String fields) {
            String head = "POST / HTTP/1.1\r\n" + fields + "\r\n\r\n";
            for (AlbSettings.DesyncMitigationMode mode : AlbSettings.DesyncMitigationMode.values()) {
                RequestHeadGuard guard = new RequestHeadGuard(DesyncPolicy.of(mode));
                assertThat(scanAll(guard, head + body + FOLDED_GET)).as("%s", mode).isBetween(0, head.length());
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"\r\n", "x\r\n", "-1\r\n", " 5\r\n", "5\rx", "5\r\nhello\rx", "5\nhello\r\n",
            "5 \r\n", "1234567890abcdef0\r\n", "5\r\nhello\r\n0\r\nX: 1\n\r\n", "0\r\n\r\r\n"})
        void malformedChunkFramingIsRefusedInEveryMode(String chunks) {
            for (AlbSettings.DesyncMitigationMode mode : AlbSettings.DesyncMitigationMode.values()) {
                RequestHeadGuard guard = new RequestHeadGuard(DesyncPolicy.of(mode));
                int refused = scanAll(guard, HEAD + chunks + CLEAN_GET);
                assertThat(refused).as("%s", mode).isBetween(HEAD.length(), HEAD.length() + chunks.length());
                assertThat(guard.isPassThrough()).isFalse();
            }
        }
    }

    @Nested
    @DisplayName("scans the bytes a read or write just moved, in place")
    class BuffersBeingFilled {

        private final RequestHeadGuard guard = new RequestHeadGuard();

        @Test
        void aCleanReadKeepsEveryNewByte() {
            ByteBuffer buffer = ByteBuffer.allocate(256).put(bytes("left over"));
            int start = buffer.position();
            buffer.put(bytes(CLEAN_GET));
            assertThat(guard.scanRead(buffer, start)).isEqualTo(CLEAN_GET.length());
            assertThat(buffer.position()).isEqualTo(start + CLEAN_GET.length());
            assertThat(buffer.limit()).isEqualTo(256);
        }

        @Test
        void aRefusedReadMovesThePositionBackToTheRefusedByte() {
            ByteBuffer buffer = ByteBuffer.allocateDirect(256).put(bytes("xy"));
            buffer.put(bytes(FOLDED_GET));
            int folded = FOLDED_GET.indexOf("\r\n b") + 2;
            assertThat(guard.scanRead(buffer, 2)).isEqualTo(folded);
            assertThat(buffer.position()).isEqualTo(2 + folded);
            assertThat(guard.refusal()).isEqualTo(OBS_FOLD);
        }

        @Test
        void aWrittenSwitchingProtocolsAnswerSwitchesAndLeavesTheBufferAlone() {
            scanAll(guard, "GET /chat HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
            ByteBuffer written = ByteBuffer.allocate(128).put(bytes("HTTP/1.1 101 Switching Protocols\r\n\r\n"));
            int position = written.position();
            guard.onResponseWritten(written, 0);
            assertThat(guard.isPassThrough()).isTrue();
            assertThat(written.position()).isEqualTo(position);
        }
    }

    @Nested
    @DisplayName("stops watching when the connection switches protocol")
    class ProtocolSwitches {

        private static final String UPGRADE =
                "GET /chat HTTP/1.1\r\nHost: example.com\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n";

        private final RequestHeadGuard guard = new RequestHeadGuard();

        @Test
        void http2PriorKnowledgePreface() {
            assertOutcome("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", PASSED_THROUGH);
            assertOutcome("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n x\r\n:\r\n\t" + FOLDED_GET, PASSED_THROUGH);
        }

        @Test
        void prefaceOnAResetGuard() {
            scanAll(guard, FOLDED_GET);
            guard.reset();
            assertThat(scanAll(guard, "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n x\r\n:")).isEqualTo(-1);
            assertThat(guard.isPassThrough()).isTrue();
        }

        @Test
        void prefaceAfterARequestOnTheConnectionIsNoSwitch() {
            assertThat(scanAll(guard, CLEAN_GET + "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")).isPositive();
            assertThat(guard.isPassThrough()).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"PRI * HTTP/1.1\r\n", "PRI * HTTP/2.0 \r\n", "PRI * HTTP/2.0\n", "PRI / HTTP/2.0\r\n",
            "pri * HTTP/2.0\r\n"})
        void aLineOnlyLikeThePrefaceIsARequestLine(String line) {
            int refused = scanAll(guard, line + " X: y\r\n\r\n");
            assertThat(refused).isBetween(0, line.length());
            assertThat(guard.isPassThrough()).isFalse();
        }

        @Test
        void switchingProtocolsAnswerToAnUpgradeRequest() {
            assertThat(scanAll(guard, UPGRADE)).isEqualTo(-1);
            assertThat(guard.isPassThrough()).isFalse();
            respond(guard, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
            assertThat(guard.isPassThrough()).isTrue();
            assertThat(scanAll(guard, " x\r\n:\r\n\t" + FOLDED_GET)).isEqualTo(-1);
        }

        @ParameterizedTest
        @EnumSource(value = Feed.class, names = {"HEAP_SLICE", "DIRECT", "READ_ONLY"})
        void switchingProtocolsAnswerReadOneByteAtATime(Feed feed) {
            scanAll(guard, UPGRADE);
            String text = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 101 Switching Protocols\r\n\r\n";
            int lastStatusDigit = text.indexOf(" 101 ") + 3;
            byte[] response = bytes(text);
            for (int i = 0; i < response.length; i++) {
                ByteBuffer buffer = feed == Feed.DIRECT ? ByteBuffer.allocateDirect(response.length).put(response)
                        : ByteBuffer.wrap(response);
                buffer = feed == Feed.READ_ONLY ? buffer.asReadOnlyBuffer() : buffer;
                buffer.limit(i + 1).position(i);
                guard.onResponse(buffer);
                assertThat(buffer.position()).isEqualTo(i);
                assertThat(guard.isPassThrough()).as("after %d response bytes", i + 1).isEqualTo(i == lastStatusDigit);
                if (guard.isPassThrough()) {
                    break;
                }
            }
            assertThat(guard.isPassThrough()).isTrue();
        }

        @Test
        void interimAnswersBeforeAFinalOneKeepTheWatch() {
            scanAll(guard, UPGRADE);
            respond(guard, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            assertThat(guard.isPassThrough()).isFalse();
            assertThat(scanAll(guard, FOLDED_GET)).isEqualTo(foldIn(FOLDED_GET));
        }

        @ParameterizedTest
        @ValueSource(strings = {"HTTP/1.1 200 OK\r\n", "HTTP/1.1 426 Upgrade Required\r\n",
            "HTTP/1.1 400 Bad Request\r\n",
            "HTTP/1.1 102 Processing\r\nX: 101\r\n\r\nHTTP/1.1 204 No Content\r\n"})
        void declinedUpgradeKeepsTheWatch(String response) {
            scanAll(guard, UPGRADE);
            respond(guard, response);
            assertThat(guard.isPassThrough()).isFalse();
            assertThat(scanAll(guard, FOLDED_GET)).isEqualTo(foldIn(FOLDED_GET));
        }

        @Test
        void aSwitchingProtocolsAnswerAfterAnInterimOneSwitches() {
            scanAll(guard, UPGRADE);
            respond(guard, "HTTP/1.1 102 Processing\r\nX-Status: 200\r\n\r\nHTTP/1.1 101 Switching Protocols\r\n\r\n");
            assertThat(guard.isPassThrough()).isTrue();
        }

        @Test
        void switchingProtocolsAfterTheFinalAnswerDoesNotSwitch() {
            scanAll(guard, UPGRADE);
            respond(guard, "HTTP/1.1 200 OK\r\nContent-Length: 36\r\n\r\nHTTP/1.1 101 Switching Protocols\r\n\r\n");
            assertThat(guard.isPassThrough()).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"Connection: Upgrade", "Content: x", "Upgrad: h2c", "Upgrades: h2c", "Transfe: h2c"})
        void switchingProtocolsWithoutAnUpgradeFieldDoesNotSwitch(String field) {
            scanAll(guard, "GET / HTTP/1.1\r\n" + field + "\r\n\r\n");
            respond(guard, "HTTP/1.1 101 Switching Protocols\r\n\r\n");
            assertThat(guard.isPassThrough()).isFalse();
            assertThat(scanAll(guard, FOLDED_GET)).isEqualTo(foldIn(FOLDED_GET));
        }

        @ParameterizedTest
        @ValueSource(strings = {"upgrade: h2c", "UPGRADE: websocket"})
        void upgradeNameIsCaseInsensitive(String field) {
            scanAll(guard, "GET / HTTP/1.1\r\n" + field + "\r\n\r\n");
            respond(guard, "HTTP/1.1 101 Switching Protocols\r\n\r\n");
            assertThat(guard.isPassThrough()).isTrue();
        }
    }
}
