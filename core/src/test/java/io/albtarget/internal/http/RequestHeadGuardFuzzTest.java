package io.albtarget.internal.http;

import static io.albtarget.internal.http.RequestHeadGuardTest.firstRefused;
import static io.albtarget.internal.http.RequestHeadGuardTest.onlyPendingBytesBetween;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.albtarget.AlbSettings;
import io.albtarget.TestRequest;
import io.albtarget.Verdict;
import io.albtarget.http.DesyncReason;
import io.albtarget.internal.Printable;
import io.albtarget.internal.http.RequestHeadGuardTest.Feed;
import java.util.Arrays;
import java.util.Optional;

/**
 * Fuzz targets for the byte guard and the classifier behind it. Every build replays the inputs under
 * {@code RequestHeadGuardFuzzTestInputs/<method>/} in the test resources; TESTING.md says how to fuzz.
 */
class RequestHeadGuardFuzzTest {

    private static final String PREFACE = "PRI * HTTP/2.0\r\n";
    private static final String SAFE_NAME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
            + "!#$%&'*+-.^_`|~";

    /**
     * Any bytes, read in any split, from heap, direct or read-only buffers: the guard never throws, never stops
     * watching unless the connection opened with the HTTP/2 preface, and reaches the same verdict as when it reads
     * them at once; the refused byte moves only past a CR or space whose meaning came in a later read. The
     * classifier judges the same bytes without throwing.
     */
    @FuzzTest
    void readsAnyWay(FuzzedDataProvider data) {
        int[] reads = new int[data.consumeInt(1, 8)];
        for (int i = 0; i < reads.length; i++) {
            reads[i] = data.consumeInt(i == 0 ? 1 : 0, 64);
        }
        Feed feed = data.pickValue(Feed.values());
        AlbSettings.DesyncMitigationMode mode = data.pickValue(AlbSettings.DesyncMitigationMode.values());
        byte[] input = data.consumeRemainingAsBytes();
        String text = new String(input, ISO_8859_1);

        RequestHeadGuard whole = new RequestHeadGuard(DesyncPolicy.of(mode));
        int expected = whole.scan(input, 0, input.length);
        RequestHeadGuard split = new RequestHeadGuard(DesyncPolicy.of(mode));
        int refused = firstRefused(split, input, feed, reads);

        String described = mode + ", " + feed + " in reads of " + Arrays.toString(reads) + ": " + Printable.of(text);
        if (!onlyPendingBytesBetween(input, expected, refused)) {
            assertThat(refused).as(described).isEqualTo(expected);
        }
        assertThat(split.refusal()).as(described).isEqualTo(whole.refusal());
        assertThat(split.isPassThrough()).as(described).isEqualTo(whole.isPassThrough());
        if (whole.isPassThrough()) {
            assertThat(text.replaceFirst("^[\r\n]*", "")).as(described).startsWith(PREFACE);
        }
        assertThat(RequestHeadGuard.classify(input)).isNotNull();
    }

    /** Requests built only of what the standard allows, one after another on a connection, are never refused. */
    @FuzzTest
    void compliantRequestsPass(FuzzedDataProvider data) {
        StringBuilder connection = new StringBuilder();
        for (int requests = data.consumeInt(1, 3); requests > 0; requests--) {
            connection.append(compliantRequest(data));
        }
        byte[] input = connection.toString().getBytes(ISO_8859_1);
        RequestHeadGuard guard = new RequestHeadGuard(DesyncPolicy.of(AlbSettings.DesyncMitigationMode.STRICTEST));
        assertThat(guard.scan(input, 0, input.length)).as(Printable.of(connection.toString())).isEqualTo(-1);
        assertThat(guard.refusal()).isEqualTo(Verdict.accept());
    }

    /**
     * A head a server could hand over parsed (CRLF lines, no folds, a colon in every field line) is refused by the
     * filter on an unguarded port exactly when the guard refuses its bytes, with the same status.
     */
    @FuzzTest
    void filterAgreesWithGuard(byte[] input) {
        Optional<TestRequest> parsed = RequestComplianceTest.parse(input);
        if (parsed.isEmpty()) {
            return;
        }
        // the parsed request is the first head: what follows it would be a body or another request
        int headEnd = new String(input, ISO_8859_1).indexOf("\r\n\r\n") + 4;
        RequestHeadGuard guard = new RequestHeadGuard();
        boolean guardRefuses = guard.scan(input, 0, headEnd) >= 0;
        if (guardRefuses && !isDesyncRefusal(guard.refusal())) {
            // the target's userinfo: a Host rule, which the filter applies after the desync rules
            return;
        }
        Verdict verdict = RequestCompliance.of(AlbSettings.defaults()).judge(parsed.get());
        String described = Printable.of(new String(input, ISO_8859_1));
        boolean desyncRefusal = isDesyncRefusal(verdict);
        assertThat(desyncRefusal).as("%s: guard %s, filter %s", described, guard.refusal(), verdict)
                .isEqualTo(guardRefuses);
        if (guardRefuses) {
            assertThat(verdict.status()).as(described).isEqualTo(guard.refusal().status());
        }
    }

    /** A refusal by the desync rules, not by the Host rules, which only the filter applies. */
    private static boolean isDesyncRefusal(Verdict verdict) {
        return !verdict.isAccepted() && (verdict == RequestClassifier.UNSUPPORTED_CODING
                || verdict == RequestClassifier.UNFOLLOWABLE_CODING
                || Arrays.stream(DesyncReason.values()).anyMatch(reason -> reason.refusal() == verdict));
    }

    private static String compliantRequest(FuzzedDataProvider data) {
        String method = data.pickValue(new String[] {"GET", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"});
        StringBuilder head = new StringBuilder(method).append(' ').append('/')
                .append(chars(data, 0, 40, 0x21, 0xff, 0x7f)).append(' ')
                .append(data.consumeBoolean() ? "HTTP/1.1" : "HTTP/1.0").append("\r\n");
        for (int fields = data.consumeInt(0, 8); fields > 0; fields--) {
            // an X- prefix keeps a name from resembling a field the rules read
            head.append("X-").append(name(data)).append(':').append(chars(data, 0, 40, 0x20, 0xff, 0x7f))
                    .append("\r\n");
        }
        boolean bodied = !method.equals("GET") && head.indexOf("HTTP/1.1") > 0;
        String body = "";
        if (bodied && data.consumeBoolean()) {
            body = chars(data, 0, 60, 0, 0xff, -1);
            head.append("Content-Length: ").append(body.length()).append("\r\n");
        } else if (bodied && data.consumeBoolean()) {
            String chunk = chars(data, 1, 30, 0, 0xff, -1);
            head.append("Transfer-Encoding: chunked\r\n");
            body = Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n0\r\n\r\n";
        }
        return head.append("\r\n").append(body).toString();
    }

    private static String name(FuzzedDataProvider data) {
        StringBuilder name = new StringBuilder();
        for (int n = data.consumeInt(1, 12); n > 0; n--) {
            name.append(SAFE_NAME_CHARS.charAt(data.consumeInt(0, SAFE_NAME_CHARS.length() - 1)));
        }
        return name.toString();
    }

    /** {@code min} to {@code max} chars from {@code from} to {@code to}, none equal to {@code except}. */
    private static String chars(FuzzedDataProvider data, int min, int max, int from, int to, int except) {
        StringBuilder chars = new StringBuilder();
        for (int n = data.consumeInt(min, max); n > 0; n--) {
            int c = data.consumeInt(from, to);
            chars.append((char) (c == except ? 'x' : c));
        }
        return chars.toString();
    }
}
