package io.albtarget.internal.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The guard reads ordinary field lines by runs and skips ordinary values 8 bytes at a time: no byte that matters may
 * hide in a run, and a head read whole is refused where it is refused byte by byte.
 */
@DisplayName("The request-head guard's runs")
class RequestHeadGuardRunsTest {

    private static final String BEFORE = "GET / HTTP/1.1\r\nHost: example.com\r\nX-Long: ";
    /** Five words and more; the stray byte goes anywhere but last, where a CR would make CR CR LF. */
    private static final int VALUE_LENGTH = 42;

    /** The lowest flagged byte of a word, read little-endian, is the first byte that is not printable ASCII. */
    @Test
    void aWordsLowestFlaggedByteIsItsFirstByteThatIsNotPrintableAscii() {
        for (int position = 0; position < Long.BYTES; position++) {
            for (int b = 0; b < 256; b++) {
                long word = 0x6161616161616161L & ~(0xffL << 8 * position) | (long) b << 8 * position;
                boolean printable = b >= 0x20 && b <= 0x7e;
                assertThat(firstFlagged(HttpChars.notPrintableAscii(word))).as("byte %#x at %d", b, position)
                        .isEqualTo(printable ? -1 : position);
            }
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            long word = random.nextLong();
            int first = -1;
            for (int position = Long.BYTES - 1; position >= 0; position--) {
                int b = (int) (word >>> 8 * position) & 0xff;
                first = b >= 0x20 && b <= 0x7e ? first : position;
            }
            assertThat(firstFlagged(HttpChars.notPrintableAscii(word))).as("%#018x", word).isEqualTo(first);
        }
    }

    private static int firstFlagged(long flagged) {
        return flagged == 0 ? -1 : Long.numberOfTrailingZeros(flagged) >>> 3;
    }

    @Test
    void everyPrintableByteIsFineInAValue() {
        for (int b = 0x20; b <= 0x7e; b++) {
            assertThat(HttpChars.VALUE[b]).as("byte %#x", b).isEqualTo(HttpChars.FINE);
        }
    }

    /** A control byte or DEL anywhere in a long value is refused at that very byte, in every kind of buffer. */
    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x01, 0x0b, 0x0d, 0x0a, 0x1f, 0x7f})
    void aByteThatMattersIsRefusedWhereverItStandsInAValue(int stray) {
        for (int at = 0; at < VALUE_LENGTH - 1; at++) {
            byte[] head = head(at, (byte) stray);
            int expected = BEFORE.length() + at;
            assertThat(refusedAt(head, false)).as("byte %#x at %d, heap", stray, at).isEqualTo(expected);
            assertThat(refusedAt(head, true)).as("byte %#x at %d, direct", stray, at).isEqualTo(expected);
        }
    }

    /** Tab and obs-text are fine in a value, and fail the word check: the table lets them through. */
    @ParameterizedTest
    @ValueSource(ints = {0x09, 0x80, 0xc5, 0xff})
    void aFineByteOutsidePrintableAsciiPassesWhereverItStands(int fine) {
        for (int at = 0; at < VALUE_LENGTH - 1; at++) {
            byte[] head = head(at, (byte) fine);
            assertThat(refusedAt(head, false)).as("byte %#x at %d, heap", fine, at).isEqualTo(-1);
            assertThat(refusedAt(head, true)).as("byte %#x at %d, direct", fine, at).isEqualTo(-1);
        }
    }

    /** Lines whose refusal is decided at their colon or at their LF, after ordinary lines read as runs. */
    @ParameterizedTest
    @ValueSource(strings = {"Content_Length: 5", "Transfer.Encoding: chunked", "Content-Length:", "Transfer-Encoding:",
        "Connection: content-length", "TRANSFER-ENCODING: gzip"})
    void aLineRefusedAtItsColonOrLineEndIsRefusedThereWhenReadWhole(String line) {
        byte[] head = (BEFORE + "x\r\nAccept: */*\r\nX-Amzn-Trace-Id: Root=1-2\r\n" + line + "\r\nX-Y: z\r\n\r\n")
                .getBytes(ISO_8859_1);
        RequestHeadGuard byteByByte = new RequestHeadGuard();
        int refusedByteByByte = -1;
        for (int i = 0; i < head.length && refusedByteByByte < 0; i++) {
            refusedByteByByte = byteByByte.scan(head, i, i + 1);
        }
        RequestHeadGuard whole = new RequestHeadGuard();
        int refusedWhole = whole.scan(head, 0, head.length);
        assertThat(refusedByteByByte).as("refused byte by byte").isGreaterThan(BEFORE.length());
        assertThat(refusedWhole).isEqualTo(refusedByteByByte);
        assertThat(whole.refusal()).isEqualTo(byteByByte.refusal());
    }

    private static byte[] head(int at, byte b) {
        byte[] value = "v".repeat(VALUE_LENGTH).getBytes(ISO_8859_1);
        value[at] = b;
        return (BEFORE + new String(value, ISO_8859_1) + "\r\n\r\n").getBytes(ISO_8859_1);
    }

    private static int refusedAt(byte[] head, boolean direct) {
        ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(head.length) : ByteBuffer.allocate(head.length);
        buffer.put(head).flip();
        RequestHeadGuard guard = new RequestHeadGuard();
        // a kept-alive connection: the head follows another one
        byte[] first = (BEFORE + "x\r\n\r\n").getBytes(ISO_8859_1);
        assertThat(guard.scan(first, 0, first.length)).isEqualTo(-1);
        return guard.scan(buffer);
    }
}
