package io.albtarget.http;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * A guard on the raw bytes of one HTTP/1.1 connection, ahead of the server's own parser: it finds the request
 * head lines a server would silently unfold or accept, before the server can.
 *
 * <p>Refused: a field line that starts with SP or HTAB (obs-fold, including whitespace before the first field
 * line) and a line that starts with a colon (an empty name, which is what the ALB forwards for a multi-line
 * header); the same in chunked trailers. Also refused: whitespace in a field name, e.g. before the colon, which
 * RFC 9112 requires a server to refuse and Undertow drops silently; and a head with both Content-Length and
 * Transfer-Encoding (refused at its final line feed), which Tomcat accepts by dropping Content-Length, so that no
 * filter could see it. Everything else is left to the server's parser.
 *
 * <p>The guard looks at each head byte once and stops at the empty line. To find the next head on a keep-alive
 * or pipelined connection it follows only the framing: a Content-Length body is skipped by arithmetic, a chunked
 * body by its chunk-size lines; body bytes are never copied or changed. When the framing cannot be followed (a
 * malformed or differing length, a transfer coding that does not end in chunked) the guard stops watching the
 * connection, because the server refuses such a request and closes the connection itself. The HTTP/2
 * prior-knowledge preface, and a {@code 101 Switching Protocols} answer to a request with {@code Upgrade}, switch
 * the connection to pass-through; any other answer to an upgrade request keeps the guard watching, so a declined
 * upgrade is no way around it.
 *
 * <p>Scanning allocates nothing. One instance serves one connection at a time ({@link #reset()} readies it for
 * the next); instances are not thread-safe.
 */
public final class RequestHeadGuard {

    /** The reason for a folded line. */
    public static final String OBS_FOLD = "obs-fold (multi-line) header line";
    /** The reason for a line with an empty name. */
    public static final String EMPTY_NAME = "header line with an empty name";
    /** The reason for whitespace in a name, e.g. between the name and its colon. */
    public static final String SPACE_IN_NAME = "whitespace in a header name";
    /** The reason for a head with both framings, which Tomcat resolves silently by dropping Content-Length. */
    public static final String BOTH_LENGTH_AND_CODING = "both Content-Length and Transfer-Encoding";

    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] CONTENT_LENGTH = bytes("content-length");
    private static final byte[] TRANSFER_ENCODING = bytes("transfer-encoding");
    private static final byte[] UPGRADE = bytes("upgrade");
    private static final byte[] CHUNKED = bytes("chunked");
    private static final boolean[] VALUE_STOPS = stops("\r\n");
    private static final boolean[] NAME_STOPS = stops("\r\n: \t");

    private enum State {
        REQUEST_LINE_START, REQUEST_LINE, LINE_START, NAME, VALUE, LINE_CR, END_CR,
        BODY, CHUNK_SIZE, CHUNK_EXTENSION, CHUNK_SIZE_LF, CHUNK_DATA, CHUNK_DATA_CR, CHUNK_DATA_LF,
        TRAILER_LINE_START, TRAILER_LINE, TRAILER_CR, TRAILER_END_CR,
        PASS_THROUGH, REJECTED
    }

    private enum Field {
        OTHER, CONTENT_LENGTH, TRANSFER_ENCODING, UPGRADE
    }

    private State state = State.REQUEST_LINE_START;
    private int prefaceMatched;
    private boolean preface = true;
    private Field field = Field.OTHER;
    private int nameLength;
    private boolean maybeLength;
    private boolean maybeCoding;
    private boolean maybeUpgrade;
    private long contentLength = -1;
    private boolean lengthInvalid;
    private boolean valueStarted;
    private long lengthValue;
    private boolean lengthDigits;
    private boolean transferCoded;
    private int codingMatched;
    private boolean codingChunked;
    private boolean codingBlankAfter;
    private boolean upgrade;
    private long remaining;
    private boolean chunkSizeDigits;
    private String rejection = "";
    private final ResponseWatch response = new ResponseWatch();

    private static boolean[] stops(String bytes) {
        boolean[] stops = new boolean[256];
        bytes.chars().forEach(b -> stops[b] = true);
        return stops;
    }

    private static byte[] bytes(String lowerCase) {
        return lowerCase.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Readies the guard for a new connection. */
    public void reset() {
        state = State.REQUEST_LINE_START;
        rejection = "";
        upgrade = false;
        response.reset();
        // the HTTP/2 preface opens a connection; later in one it is no way to switch the guard off
        prefaceMatched = 0;
        preface = true;
        startHead();
    }

    /** Whether the guard has stopped looking at this connection (HTTP/2, an upgrade, or unfollowable framing). */
    public boolean isPassThrough() {
        return state == State.PASS_THROUGH;
    }

    /** Why the guard refused the connection's bytes, or an empty string. */
    public String rejection() {
        return rejection;
    }

    /**
     * Scans the readable bytes of a buffer, from its position to its limit; the buffer is not changed.
     *
     * @return the absolute index of the first refused byte, or -1 if every byte may reach the server
     */
    public int scan(ByteBuffer buffer) {
        return scan(buffer, buffer.position(), buffer.limit());
    }

    /**
     * Scans what a read just put into a buffer that is being filled: the bytes from {@code start} to its position.
     * On a refusal the position moves back to the refused byte, so that byte and those after it are not handed on;
     * nothing else in the buffer changes.
     *
     * @return how many of the new bytes may reach the server: all of them, or those before the refused byte
     */
    public int scanRead(ByteBuffer buffer, int start) {
        int end = buffer.position();
        int refused = scan(buffer, start, end);
        if (refused < 0) {
            return end - start;
        }
        buffer.position(refused);
        return refused - start;
    }

    private int scan(ByteBuffer buffer, int from, int to) {
        if (buffer.hasArray()) {
            int offset = buffer.arrayOffset();
            int found = scan(buffer.array(), offset + from, offset + to);
            return found < 0 ? -1 : found - offset;
        }
        for (int i = next(from, to); i < to; i = next(i + 1, to)) {
            boolean[] stops = plainTextStops();
            while (stops != null && i < to && !stops[buffer.get(i) & 0xff]) {
                i++;
            }
            if (i < to && !accept(buffer.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Scans {@code bytes[from, to)}.
     *
     * @return the index of the first refused byte, or -1 if every byte may reach the server
     */
    public int scan(byte[] bytes, int from, int to) {
        for (int i = next(from, to); i < to; i = next(i + 1, to)) {
            boolean[] stops = plainTextStops();
            while (stops != null && i < to && !stops[bytes[i] & 0xff]) {
                i++;
            }
            if (i < to && !accept(bytes[i])) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Most head bytes mean nothing to the guard: a request line that is not the HTTP/2 preface and a value other
     * than Content-Length's or Transfer-Encoding's, up to their line end; a name that can no longer be one of those
     * (or Upgrade), up to its colon. The bytes that end
     * such a run, or null when the guard must look at every byte.
     */
    private boolean @Nullable [] plainTextStops() {
        if (state == State.VALUE || state == State.REQUEST_LINE && !preface) {
            return field == Field.CONTENT_LENGTH || field == Field.TRANSFER_ENCODING ? null : VALUE_STOPS;
        }
        return state == State.NAME && !(maybeLength || maybeCoding || maybeUpgrade) ? NAME_STOPS : null;
    }

    /** The index of the next byte to look at: {@code i}, past body bytes, or {@code to} once stepped aside. */
    private int next(int i, int to) {
        if (i >= to || state == State.PASS_THROUGH) {
            return to;
        }
        return state == State.BODY || state == State.CHUNK_DATA ? i + skipBody(to - i) : i;
    }

    /** Skips body bytes by arithmetic; returns how many of the {@code available} bytes were body. */
    private int skipBody(int available) {
        int skip = (int) Math.min(remaining, available);
        remaining -= skip;
        if (remaining == 0) {
            state = state == State.BODY ? startHead() : State.CHUNK_DATA_CR;
        }
        return skip;
    }

    /**
     * Watches the server's response bytes, from the buffer's position to its limit (the buffer is not changed),
     * while a request asked to upgrade: a 101 answer switches the connection to pass-through.
     */
    public void onResponse(ByteBuffer buffer) {
        onResponse(buffer, buffer.position(), buffer.limit());
    }

    /**
     * Watches the response bytes a write just took from a buffer: those from {@code start} to its position (the
     * buffer is not changed). See {@link #onResponse(ByteBuffer)}.
     */
    public void onResponseWritten(ByteBuffer buffer, int start) {
        onResponse(buffer, start, buffer.position());
    }

    private void onResponse(ByteBuffer buffer, int from, int to) {
        if (!upgrade || state == State.PASS_THROUGH || state == State.REJECTED) {
            return;
        }
        for (int i = from; i < to && upgrade; i++) {
            int status = response.accept(buffer.get(i));
            if (status == 101) {
                state = State.PASS_THROUGH;
                upgrade = false;
            } else if (status >= 200) {
                upgrade = false;
                response.reset();
            }
        }
    }

    private State startHead() {
        contentLength = -1;
        lengthInvalid = false;
        transferCoded = false;
        codingChunked = false;
        return State.REQUEST_LINE_START;
    }

    private boolean accept(byte b) {
        switch (state) {
            case REQUEST_LINE_START:
                if (b == '\r' || b == '\n') {
                    return true;
                }
                state = State.REQUEST_LINE;
                return requestLine(b);
            case REQUEST_LINE:
                return requestLine(b);
            case LINE_START:
                return lineStart(b);
            case NAME:
                return name(b);
            case VALUE:
                return value(b);
            case LINE_CR:
                if (b == '\n' && preface && prefaceMatched == PREFACE.length - 1) {
                    return stopWatching();
                }
                state = State.LINE_START;
                return b == '\n' || stopWatching();
            case END_CR:
                return b == '\n' ? endOfHead() : stopWatching();
            case CHUNK_SIZE:
                return chunkSize(b);
            case CHUNK_EXTENSION:
                if (b == '\r') {
                    state = State.CHUNK_SIZE_LF;
                } else if (b == '\n') {
                    return chunkSizeEnd();
                }
                return true;
            case CHUNK_SIZE_LF:
                return b == '\n' ? chunkSizeEnd() : stopWatching();
            case CHUNK_DATA_CR:
                if (b == '\n') {
                    state = State.CHUNK_SIZE;
                    return startChunk();
                }
                state = State.CHUNK_DATA_LF;
                return b == '\r' || stopWatching();
            case CHUNK_DATA_LF:
                state = State.CHUNK_SIZE;
                return b == '\n' ? startChunk() : stopWatching();
            case TRAILER_LINE_START:
                return trailerLineStart(b);
            case TRAILER_LINE:
                if (b == '\r') {
                    state = State.TRAILER_CR;
                } else if (b == '\n') {
                    state = State.TRAILER_LINE_START;
                }
                return true;
            case TRAILER_CR:
                state = State.TRAILER_LINE_START;
                return b == '\n' || stopWatching();
            case TRAILER_END_CR:
                if (b != '\n') {
                    return stopWatching();
                }
                state = startHead();
                return true;
            case REJECTED:
                return false;
            default:
                return true;
        }
    }

    private boolean requestLine(byte b) {
        if (preface) {
            if (b == PREFACE[prefaceMatched]) {
                if (++prefaceMatched == PREFACE.length) {
                    state = State.PASS_THROUGH;
                    return true;
                }
            } else {
                preface = false;
            }
        }
        if (b == '\n') {
            state = State.LINE_START;
        } else if (b == '\r') {
            state = State.LINE_CR;
        }
        return true;
    }

    /** Whether a field line, of the head or of a trailer, starts with whitespace (a fold) or a colon (no name). */
    private boolean refusedLineStart(byte b) {
        if (b == ' ' || b == '\t') {
            return !reject(OBS_FOLD);
        }
        return b == ':' && !reject(EMPTY_NAME);
    }

    private boolean lineStart(byte b) {
        if (refusedLineStart(b)) {
            return false;
        }
        switch (b) {
            case '\r':
                state = State.END_CR;
                return true;
            case '\n':
                return endOfHead();
            default:
                state = State.NAME;
                field = Field.OTHER;
                nameLength = 0;
                maybeLength = true;
                maybeCoding = true;
                maybeUpgrade = true;
                return name(b);
        }
    }

    private boolean name(byte b) {
        if (b == ':') {
            state = State.VALUE;
            field = matchedField();
            valueStarted = false;
            lengthValue = 0;
            lengthDigits = false;
            codingMatched = 0;
            codingBlankAfter = false;
            if (field == Field.TRANSFER_ENCODING) {
                transferCoded = true;
                codingChunked = false;
            } else if (field == Field.UPGRADE) {
                upgrade = true;
            }
            return true;
        }
        if (b == '\r' || b == '\n') {
            // a line without a colon: the server refuses it
            return stopWatching();
        }
        if (b == ' ' || b == '\t') {
            return reject(SPACE_IN_NAME);
        }
        if (maybeLength || maybeCoding || maybeUpgrade) {
            byte lower = b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
            maybeLength &= nameLength < CONTENT_LENGTH.length && CONTENT_LENGTH[nameLength] == lower;
            maybeCoding &= nameLength < TRANSFER_ENCODING.length && TRANSFER_ENCODING[nameLength] == lower;
            maybeUpgrade &= nameLength < UPGRADE.length && UPGRADE[nameLength] == lower;
        }
        nameLength++;
        return true;
    }

    private Field matchedField() {
        if (maybeLength && nameLength == CONTENT_LENGTH.length) {
            return Field.CONTENT_LENGTH;
        }
        if (maybeCoding && nameLength == TRANSFER_ENCODING.length) {
            return Field.TRANSFER_ENCODING;
        }
        return maybeUpgrade && nameLength == UPGRADE.length ? Field.UPGRADE : Field.OTHER;
    }

    private boolean value(byte b) {
        if (b == '\r' || b == '\n') {
            endOfValue();
            state = b == '\r' ? State.LINE_CR : State.LINE_START;
            return true;
        }
        if (field == Field.CONTENT_LENGTH) {
            lengthByte(b);
        } else if (field == Field.TRANSFER_ENCODING) {
            codingByte(b);
        }
        return true;
    }

    private void lengthByte(byte b) {
        if (b == ' ' || b == '\t') {
            if (lengthDigits) {
                valueStarted = true;
            }
        } else if (b >= '0' && b <= '9' && !valueStarted && lengthValue < Long.MAX_VALUE / 10 - 9) {
            lengthValue = lengthValue * 10 + (b - '0');
            lengthDigits = true;
        } else {
            lengthInvalid = true;
        }
    }

    /** Tracks whether the value's last coding is {@code chunked}. */
    private void codingByte(byte b) {
        if (b == ',') {
            codingMatched = 0;
            codingChunked = false;
            codingBlankAfter = false;
        } else if (b == ' ' || b == '\t') {
            codingBlankAfter = codingMatched > 0;
        } else {
            byte lower = b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
            boolean continues = !codingBlankAfter && codingMatched < CHUNKED.length && CHUNKED[codingMatched] == lower;
            codingMatched = continues ? codingMatched + 1 : CHUNKED.length + 1;
            codingChunked = codingMatched == CHUNKED.length;
        }
    }

    private void endOfValue() {
        if (field == Field.CONTENT_LENGTH) {
            if (!lengthDigits || lengthInvalid || contentLength >= 0 && contentLength != lengthValue) {
                lengthInvalid = true;
            } else {
                contentLength = lengthValue;
            }
        }
    }

    private boolean endOfHead() {
        if (transferCoded && (contentLength >= 0 || lengthInvalid)) {
            return reject(BOTH_LENGTH_AND_CODING);
        }
        if (lengthInvalid || transferCoded && !codingChunked) {
            return stopWatching();
        }
        if (transferCoded) {
            state = State.CHUNK_SIZE;
            return startChunk();
        }
        if (contentLength > 0) {
            remaining = contentLength;
            state = State.BODY;
        } else {
            state = startHead();
        }
        return true;
    }

    private boolean startChunk() {
        remaining = 0;
        chunkSizeDigits = false;
        return true;
    }

    private boolean chunkSize(byte b) {
        int digit = Character.digit(b, 16);
        if (digit >= 0 && remaining < 1L << 56) {
            remaining = remaining << 4 | digit;
            chunkSizeDigits = true;
            return true;
        }
        if (!chunkSizeDigits) {
            return stopWatching();
        }
        if (b == ';' || b == ' ' || b == '\t') {
            state = State.CHUNK_EXTENSION;
            return true;
        }
        if (b == '\r') {
            state = State.CHUNK_SIZE_LF;
            return true;
        }
        return b == '\n' ? chunkSizeEnd() : stopWatching();
    }

    private boolean chunkSizeEnd() {
        state = remaining == 0 ? State.TRAILER_LINE_START : State.CHUNK_DATA;
        return true;
    }

    private boolean trailerLineStart(byte b) {
        if (refusedLineStart(b)) {
            return false;
        }
        state = b == '\r' ? State.TRAILER_END_CR : b == '\n' ? startHead() : State.TRAILER_LINE;
        return true;
    }

    private boolean stopWatching() {
        state = State.PASS_THROUGH;
        return true;
    }

    private boolean reject(String reason) {
        state = State.REJECTED;
        rejection = reason;
        return false;
    }

    /** Reads response status lines while an upgrade is pending, skipping interim 1xx heads other than 101. */
    private static final class ResponseWatch {
        private int spaces;
        private int status;
        private int digits;
        private int endMatched;
        private boolean inHead;

        void reset() {
            spaces = 0;
            status = 0;
            digits = 0;
            endMatched = 0;
            inHead = false;
        }

        /** @return the status once its three digits are read, or 0 */
        int accept(byte b) {
            if (inHead) {
                endMatched = b == '\n' && (endMatched == 1 || endMatched == 3) || b == '\r' && endMatched % 2 == 0
                        ? endMatched + 1 : b == '\r' ? 1 : 0;
                if (endMatched == 4) {
                    reset();
                }
                return 0;
            }
            if (b == ' ') {
                spaces++;
                return 0;
            }
            if (spaces == 1 && digits < 3 && b >= '0' && b <= '9') {
                status = status * 10 + (b - '0');
                if (++digits == 3) {
                    int found = status;
                    reset();
                    inHead = found < 200 && found != 101;
                    return found;
                }
            }
            return 0;
        }
    }
}
