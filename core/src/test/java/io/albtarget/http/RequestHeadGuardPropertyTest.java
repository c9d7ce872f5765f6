package io.albtarget.http;

import static io.albtarget.http.RequestHeadGuardTest.bytes;
import static io.albtarget.http.RequestHeadGuardTest.firstRefused;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.http.RequestHeadGuardTest.Feed;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Properties of the request-head guard: blind to bodies, independent of how the bytes arrive, total. */
class RequestHeadGuardProperties {

    private static final Set<String> FRAMING_NAMES = Set.of("content-length", "transfer-encoding", "upgrade");

    /** An input and how it reaches the guard. */
    record Reading(byte[] input, int[] reads, Feed feed) {
        @Override
        public String toString() {
            String text = new String(input, ISO_8859_1).replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
            return feed + " in reads of " + Arrays.toString(reads) + ": \"" + text + "\"";
        }
    }

    /** An input whose first refused byte is known. */
    record Refusal(Reading reading, int at, String reason) {
    }

    /** A request that ends in a refused line, and where in it that line's first byte is. */
    private record Refusable(byte[] bytes, int refusedAt, String reason) {
    }

    private record Chunk(byte[] data, boolean upperCase, String extension, String sizeEnd, String dataEnd) {
    }

    @Property(tries = 1500)
    void wellFramedRequestsAreNeverRefusedHoweverTheyAreRead(@ForAll("wellFramed") Reading reading) {
        RequestHeadGuard guard = new RequestHeadGuard();
        assertThat(firstRefused(guard, reading.input(), reading.feed(), reading.reads())).isEqualTo(-1);
        assertThat(guard.isPassThrough()).isFalse();
        assertThat(guard.rejection()).isEmpty();
    }

    @Property(tries = 1500)
    void aRefusableRequestAfterWellFramedOnesIsRefusedAtItsFirstBadByteHoweverTheyAreRead(
            @ForAll("endingInARefusal") Refusal refusal) {
        Reading reading = refusal.reading();
        RequestHeadGuard guard = new RequestHeadGuard();
        assertThat(firstRefused(guard, reading.input(), reading.feed(), reading.reads())).isEqualTo(refusal.at());
        assertThat(guard.rejection()).isEqualTo(refusal.reason());
    }

    @Property(tries = 2000)
    void arbitraryBytesNeverMakeScanThrow(@ForAll("anyBytes") Reading reading) {
        RequestHeadGuard guard = new RequestHeadGuard();
        assertThat(firstRefused(guard, reading.input(), reading.feed(), reading.reads()))
                .isBetween(-1, reading.input().length - 1);
    }

    @Property(tries = 3000)
    void theOutcomeDoesNotDependOnHowTheBytesAreRead(@ForAll("httpLike") Reading reading) {
        byte[] input = reading.input();
        RequestHeadGuard whole = new RequestHeadGuard();
        int expected = whole.scan(input, 0, input.length);
        RequestHeadGuard split = new RequestHeadGuard();
        assertThat(firstRefused(split, input, reading.feed(), reading.reads())).isEqualTo(expected);
        assertThat(split.isPassThrough()).isEqualTo(whole.isPassThrough());
        assertThat(split.rejection()).isEqualTo(whole.rejection());
    }

    @Provide
    Arbitrary<Reading> wellFramed() {
        return reading(requests().map(RequestHeadGuardProperties::concat));
    }

    @Provide
    Arbitrary<Refusal> endingInARefusal() {
        return Combinators.combine(requests(), refusable(), reads(), Arbitraries.of(Feed.class))
                .as((before, last, reads, feed) -> {
                    byte[] prefix = concat(before);
                    Reading reading = new Reading(concat(List.of(prefix, last.bytes())), reads, feed);
                    return new Refusal(reading, prefix.length + last.refusedAt(), last.reason());
                });
    }

    @Provide
    Arbitrary<Reading> anyBytes() {
        return reading(anyBytes(300));
    }

    @Provide
    Arbitrary<Reading> httpLike() {
        Arbitrary<String> tokens = Arbitraries.of("GET / HTTP/1.1", "POST /x HTTP/1.1", "PRI * HTTP/2.0", "\r\n",
                "\n", "\r", " ", "\t", ":", "X: y", "Content-Length:", "content-length: ", "Transfer-Encoding:",
                " chunked", "gzip,", "Upgrade: h2c", "0", "3", "1a", "F", ";e=1", "abc", "\r\n\r\n", "SM");
        Arbitrary<String> raw = Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(4);
        return reading(Arbitraries.frequencyOf(Tuple.of(6, tokens), Tuple.of(1, raw))
                .list().ofMaxSize(40).map(parts -> bytes(String.join("", parts))));
    }

    private static Arbitrary<Reading> reading(Arbitrary<byte[]> input) {
        return Combinators.combine(input, reads(), Arbitraries.of(Feed.class)).as(Reading::new);
    }

    private static Arbitrary<int[]> reads() {
        return Arbitraries.integers().between(0, 48).list().ofMinSize(1).ofMaxSize(10)
                .map(sizes -> sizes.stream().mapToInt(Integer::intValue).toArray())
                .map(sizes -> Arrays.stream(sizes).anyMatch(size -> size > 0) ? sizes : new int[] {0, 1});
    }

    private static Arbitrary<List<byte[]>> requests() {
        return Arbitraries.oneOf(get(), lengthPost(), chunkedPost()).list().ofMaxSize(4);
    }

    private static Arbitrary<Refusable> refusable() {
        Arbitrary<String> bad = Arbitraries.of(" ", "\t", ":");
        return Combinators.combine(requestLine(), fieldLines(), Arbitraries.integers().between(0, 6), bad,
                fieldLine(), lineEnd()).as((line, fields, position, first, field, end) -> {
                    int at = Math.min(position, fields.size());
                    String before = line + String.join("", fields.subList(0, at));
                    String text = before + first + field + String.join("", fields.subList(at, fields.size())) + end;
                    String reason = first.equals(":") ? RequestHeadGuard.EMPTY_NAME : RequestHeadGuard.OBS_FOLD;
                    return new Refusable(bytes(text), before.length(), reason);
                });
    }

    private static Arbitrary<byte[]> get() {
        return Combinators.combine(emptyLines(), requestLine(), fieldLines(), lineEnd())
                .as((empty, line, fields, end) -> bytes(empty + line + String.join("", fields) + end));
    }

    private static Arbitrary<byte[]> lengthPost() {
        Arbitrary<String> name = Arbitraries.of("Content-Length", "content-length", "CONTENT-LENGTH", "content-LENGTH");
        Arbitrary<String> blank = Arbitraries.of("", " ", "\t", "  \t");
        return Combinators.combine(requestLine(), fieldLines(), name, blank, blank, lineEnd(), body())
                .as((line, fields, field, before, after, end, body) -> concat(List.of(bytes(line
                        + String.join("", fields) + field + ":" + before + body.length + after + end + end), body)));
    }

    private static Arbitrary<byte[]> chunkedPost() {
        Arbitrary<String> name = Arbitraries.of("Transfer-Encoding", "transfer-encoding", "TRANSFER-encoding");
        Arbitrary<String> codings = Arbitraries.of("chunked", " chunked ", "CHUNKED", "gzip, chunked", "br ,\tChunked");
        Arbitrary<List<String>> trailer = fieldLine().list().ofMaxSize(3);
        return Combinators.combine(requestLine(), fieldLines(), name, codings, lineEnd(), chunk().list().ofMaxSize(4),
                chunkExtension(), trailer).as((line, fields, field, coding, end, chunks, lastExtension, trailers) -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    out.writeBytes(bytes(line + String.join("", fields) + field + ":" + coding + end + end));
                    for (Chunk chunk : chunks) {
                        String size = Integer.toHexString(chunk.data().length);
                        out.writeBytes(bytes((chunk.upperCase() ? size.toUpperCase(Locale.ROOT) : size)
                                + chunk.extension() + chunk.sizeEnd()));
                        out.writeBytes(chunk.data());
                        out.writeBytes(bytes(chunk.dataEnd()));
                    }
                    out.writeBytes(bytes("0" + lastExtension + end + String.join("", trailers) + end));
                    return out.toByteArray();
                });
    }

    private static Arbitrary<Chunk> chunk() {
        return Combinators.combine(body().filter(data -> data.length > 0), Arbitraries.of(true, false),
                chunkExtension(), lineEnd(), lineEnd()).as(Chunk::new);
    }

    private static Arbitrary<String> chunkExtension() {
        return Arbitraries.of("", ";a=b", ";x", " ;q=\"1 2\"", ";a;b=c", "\t; e");
    }

    private static Arbitrary<byte[]> body() {
        Arbitrary<byte[]> foldLike = Arbitraries.of("\r\n ", "\r\n\t", "\r\n:", "\n ", "\r\n\r\n", "0\r\n\r\n", "x")
                .list().ofMaxSize(12).map(parts -> bytes(String.join("", parts)));
        return Arbitraries.oneOf(anyBytes(120), foldLike);
    }

    private static Arbitrary<byte[]> anyBytes(int maxLength) {
        return Arbitraries.bytes().list().ofMaxSize(maxLength).map(list -> {
            byte[] array = new byte[list.size()];
            for (int i = 0; i < array.length; i++) {
                array[i] = list.get(i);
            }
            return array;
        });
    }

    private static Arbitrary<String> requestLine() {
        Arbitrary<String> method = Arbitraries.of("GET", "HEAD", "POST", "DELETE", "OPTIONS", "PRI");
        Arbitrary<String> target = Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(20);
        return Combinators.combine(method, target, Arbitraries.of("HTTP/1.1", "HTTP/1.0"), lineEnd())
                .as((m, t, version, end) -> m + " /" + t + " " + version + end);
    }

    private static Arbitrary<List<String>> fieldLines() {
        return fieldLine().list().ofMaxSize(6);
    }

    private static Arbitrary<String> fieldLine() {
        Arbitrary<String> name = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z')
                .withChars("0123456789!#$%&'*+-.^_`|~").ofMinLength(1).ofMaxLength(20)
                .filter(n -> !FRAMING_NAMES.contains(n.toLowerCase(Locale.ROOT)));
        Arbitrary<String> value = Arbitraries.strings().withCharRange(' ', '~').withCharRange('\u0080', '\u00ff')
                .withChars("\t").ofMaxLength(30);
        return Combinators.combine(name, value, lineEnd()).as((n, v, end) -> n + ":" + v + end);
    }

    private static Arbitrary<String> emptyLines() {
        return lineEnd().list().ofMaxSize(2).map(lines -> String.join("", lines));
    }

    private static Arbitrary<String> lineEnd() {
        return Arbitraries.of("\r\n", "\n");
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
