package io.albtarget.internal.http;

import static io.albtarget.internal.http.RequestHeadGuardTest.bytes;
import static io.albtarget.internal.http.RequestHeadGuardTest.firstRefused;
import static io.albtarget.internal.http.RequestHeadGuardTest.onlyPendingBytesBetween;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.Verdict;
import io.albtarget.http.DesyncReason;
import io.albtarget.internal.http.RequestHeadGuardTest.Feed;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Properties of the request-head guard on inputs generated from a fixed seed: compliant requests pass, blind to
 * bodies, independent of how the bytes arrive (but for a pending CR or space, see below), total. A failure names the
 * seed and the case.
 */
class RequestHeadGuardPropertyTest {

    private static final long SEED = 0x5eed_6a4dL;
    private static final Set<String> FRAMING_NAMES =
            Set.of("content-length", "transfer-encoding", "upgrade", "connection");
    private static final String NAME_CHARS = range('a', 'z') + range('A', 'Z') + "0123456789!#$%&'*+-.^_`|~";
    private static final String VALUE_CHARS = range(' ', '~') + range('\u0080', '\u00ff') + "\t";
    private static final String TARGET_CHARS = range('!', '~');
    private static final String ANY_LATIN1 = range('\u0000', '\u00ff');
    private static final String[] HTTP_TOKENS = {"GET / HTTP/1.1", "POST /x HTTP/1.1", "PRI * HTTP/2.0", "\r\n",
        "\n", "\r", " ", "\t", ":", "X: y", "Content-Length:", "content-length: ", "Transfer-Encoding:", " chunked",
        "gzip,", "Upgrade: h2c", "0", "3", "1a", "F", ";e=1", "abc", "\r\n\r\n", "SM"};

    private final Random random = new Random(SEED);

    /** An input and how it reaches the guard. */
    record Reading(byte[] input, int[] reads, Feed feed) {
        @Override
        public String toString() {
            String text = new String(input, ISO_8859_1).replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
            return feed + " in reads of " + Arrays.toString(reads) + ": \"" + text + "\"";
        }
    }

    /** A request that ends in a refused line, and where in it that line's first byte is. */
    private record Refusable(byte[] bytes, int refusedAt, Verdict reason) {
    }

    private static String described(int at, Reading reading) {
        return String.format(Locale.ROOT, "seed %d, case %d: %s", SEED, at, reading);
    }

    @Test
    void wellFramedRequestsAreNeverRefusedHoweverTheyAreRead() {
        for (int i = 0; i < 1500; i++) {
            Reading reading = reading(concat(requests()));
            RequestHeadGuard guard = new RequestHeadGuard();
            assertThat(firstRefused(guard, reading.input(), reading.feed(), reading.reads()))
                    .as(described(i, reading)).isEqualTo(-1);
            assertThat(guard.isPassThrough()).as(described(i, reading)).isFalse();
            assertThat(guard.refusal()).as(described(i, reading)).isEqualTo(Verdict.accept());
        }
    }

    @Test
    void aRefusableRequestAfterWellFramedOnesIsRefusedAtItsFirstBadByteHoweverTheyAreRead() {
        for (int i = 0; i < 1500; i++) {
            byte[] prefix = concat(requests());
            Refusable last = refusable();
            Reading reading = reading(concat(List.of(prefix, last.bytes())));
            RequestHeadGuard guard = new RequestHeadGuard();
            assertThat(firstRefused(guard, reading.input(), reading.feed(), reading.reads()))
                    .as(described(i, reading)).isEqualTo(prefix.length + last.refusedAt());
            assertThat(guard.refusal()).as(described(i, reading)).isEqualTo(last.reason());
        }
    }

    @Test
    void arbitraryBytesNeverMakeScanThrow() {
        for (int i = 0; i < 2000; i++) {
            Reading reading = reading(anyBytes(300));
            RequestHeadGuard guard = new RequestHeadGuard();
            assertThat(firstRefused(guard, reading.input(), reading.feed(), reading.reads()))
                    .as(described(i, reading)).isBetween(-1, reading.input().length - 1);
        }
    }

    @Test
    void theOutcomeDoesNotDependOnHowTheBytesAreRead() {
        for (int i = 0; i < 3000; i++) {
            Reading reading = reading(httpLike());
            byte[] input = reading.input();
            RequestHeadGuard whole = new RequestHeadGuard();
            int expected = whole.scan(input, 0, input.length);
            RequestHeadGuard split = new RequestHeadGuard();
            int refused = firstRefused(split, input, reading.feed(), reading.reads());
            // a CR or space whose meaning a later byte decides is refused itself only when that byte came with it
            if (!onlyPendingBytesBetween(input, expected, refused)) {
                assertThat(refused).as(described(i, reading)).isEqualTo(expected);
            }
            assertThat(split.isPassThrough()).as(described(i, reading)).isEqualTo(whole.isPassThrough());
            assertThat(split.refusal()).as(described(i, reading)).isEqualTo(whole.refusal());
        }
    }

    private Reading reading(byte[] input) {
        return new Reading(input, reads(), oneOf(Feed.values()));
    }

    /** Read sizes 0 to 48, at least one of them not 0. */
    private int[] reads() {
        int[] sizes = new int[1 + random.nextInt(10)];
        Arrays.setAll(sizes, i -> random.nextInt(49));
        return Arrays.stream(sizes).anyMatch(size -> size > 0) ? sizes : new int[] {0, 1};
    }

    private byte[] httpLike() {
        StringBuilder text = new StringBuilder();
        for (int parts = random.nextInt(41); parts > 0; parts--) {
            text.append(random.nextInt(7) < 6 ? oneOf(HTTP_TOKENS) : string(0, 4, ANY_LATIN1));
        }
        return bytes(text.toString());
    }

    private List<byte[]> requests() {
        List<Supplier<byte[]>> kinds = List.of(this::get, this::lengthPost, this::chunkedPost);
        return list(4, () -> oneOf(kinds).get());
    }

    private Refusable refusable() {
        String line = requestLine();
        List<String> fields = fieldLines();
        int at = Math.min(random.nextInt(7), fields.size());
        String first = oneOf(" ", "\t", ":");
        String before = line + String.join("", fields.subList(0, at));
        String text = before + first + fieldLine() + String.join("", fields.subList(at, fields.size())) + lineEnd();
        Verdict reason = (first.equals(":") ? DesyncReason.EMPTY_HEADER : DesyncReason.MULTILINE_HEADER).refusal();
        return new Refusable(bytes(text), before.length(), reason);
    }

    private byte[] get() {
        return bytes(emptyLines() + requestLine() + String.join("", fieldLines()) + lineEnd());
    }

    private byte[] lengthPost() {
        String head = requestLine() + String.join("", fieldLines())
                + oneOf("Content-Length", "content-length", "CONTENT-LENGTH", "content-LENGTH") + ":";
        String before = oneOf("", " ", "\t", "  \t");
        String after = oneOf("", " ", "\t", "  \t");
        String end = lineEnd();
        byte[] body = body();
        return concat(List.of(bytes(head + before + body.length + after + end + end), body));
    }

    private byte[] chunkedPost() {
        String end = lineEnd();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // chunked bodies are defined from HTTP/1.1 on
        out.writeBytes(bytes(requestLine().replace("HTTP/1.0", "HTTP/1.1") + String.join("", fieldLines())
                + oneOf("Transfer-Encoding", "transfer-encoding", "TRANSFER-encoding") + ":"
                + oneOf("chunked", " chunked ", "CHUNKED", "\tChunked") + end + end));
        for (int chunks = random.nextInt(5); chunks > 0; chunks--) {
            byte[] data;
            do {
                data = body();
            } while (data.length == 0);
            String size = Integer.toHexString(data.length);
            out.writeBytes(bytes((random.nextBoolean() ? size.toUpperCase(Locale.ROOT) : size) + chunkExtension()
                    + lineEnd()));
            out.writeBytes(data);
            out.writeBytes(bytes(lineEnd()));
        }
        out.writeBytes(bytes("0" + chunkExtension() + end + String.join("", list(3, this::fieldLine)) + end));
        return out.toByteArray();
    }

    private String chunkExtension() {
        return oneOf("", ";a=b", ";x", " ;q=\"1 2\"", ";a;b=c", "\t; e");
    }

    private byte[] body() {
        if (random.nextBoolean()) {
            return anyBytes(120);
        }
        String[] foldLike = {"\r\n ", "\r\n\t", "\r\n:", "\n ", "\r\n\r\n", "0\r\n\r\n", "x", "\r", " "};
        return bytes(String.join("", list(12, () -> oneOf(foldLike))));
    }

    private byte[] anyBytes(int maxLength) {
        byte[] bytes = new byte[random.nextInt(maxLength + 1)];
        random.nextBytes(bytes);
        return bytes;
    }

    private String requestLine() {
        return oneOf("GET", "HEAD", "POST", "DELETE", "OPTIONS", "PRI") + " /" + string(1, 20, TARGET_CHARS) + " "
                + oneOf("HTTP/1.1", "HTTP/1.0") + lineEnd();
    }

    private List<String> fieldLines() {
        return list(6, this::fieldLine);
    }

    private String fieldLine() {
        String name;
        do {
            name = string(1, 20, NAME_CHARS);
        } while (FRAMING_NAMES.contains(name.toLowerCase(Locale.ROOT)));
        return name + ":" + string(0, 30, VALUE_CHARS) + lineEnd();
    }

    private String emptyLines() {
        return String.join("", list(2, this::lineEnd));
    }

    private String lineEnd() {
        return "\r\n";
    }

    /** A string of {@code min} to {@code max} characters of {@code alphabet}. */
    private String string(int min, int max, String alphabet) {
        char[] chars = new char[min + random.nextInt(max - min + 1)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return new String(chars);
    }

    private static String range(char first, char last) {
        StringBuilder range = new StringBuilder();
        for (char c = first; c <= last; c++) {
            range.append(c);
        }
        return range.toString();
    }

    private <T> List<T> list(int maxSize, Supplier<T> element) {
        List<T> list = new ArrayList<>();
        for (int size = random.nextInt(maxSize + 1); size > 0; size--) {
            list.add(element.get());
        }
        return list;
    }

    @SafeVarargs
    private <T> T oneOf(T... options) {
        return options[random.nextInt(options.length)];
    }

    private <T> T oneOf(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
