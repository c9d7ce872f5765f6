package io.albtarget.internal.http;

import io.albtarget.Verdict;
import io.albtarget.http.DesyncReason;
import io.albtarget.internal.host.HostPolicy;
import io.albtarget.internal.http.RequestClassifier.Field;
import io.albtarget.internal.http.RequestClassifier.Slot;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * A guard on the raw bytes of one HTTP/1.1 connection, ahead of the server's own parser: it applies the ALB's desync
 * rules (see {@link DesyncReason} and {@link DesyncPolicy}) to every request head, before the server can unfold,
 * split or accept what the ALB would not.
 *
 * <p>A refused head is refused at the byte that decides it: the server is handed the bytes before it, and the
 * server's next read fails (see {@link RefusedRequestHeadException}), which the server answers with a 400 (501 for a
 * transfer coding the ALB answers with 501) after the responses to requests pipelined before. Where the deciding
 * byte is a CR or a space that only the next byte gives its meaning, the guard refuses at that CR or space when it
 * came in the same read.
 *
 * <p>To find the next head on a keep-alive or pipelined connection the guard follows the framing: a Content-Length
 * body is skipped by arithmetic, a chunked body by its chunk-size lines and trailer; body bytes are never copied or
 * changed. The guard follows only the framings every supported server reads alike, and refuses the others, in every
 * mode: it never stops watching a connection whose server still reads requests from it. Only the HTTP/2
 * prior-knowledge preface at the start of a connection, and a {@code 101 Switching Protocols} answer to a request
 * with {@code Upgrade}, switch it to pass-through; any other answer to an upgrade request keeps it watching.
 *
 * <p>Scanning allocates nothing. One instance serves one connection at a time ({@link #reset()} readies it for
 * the next); instances are not thread-safe.
 */
public final class RequestHeadGuard {

    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HTTP_1 = "HTTP/1.".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_CHUNK_SIZE_DIGITS = 15;
    /** 8 bytes of an array read as one long, to skip ordinary values a word at a time. */
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** How much of a target that is not origin-form is kept to judge its authority. */
    private static final int AUTHORITY_BYTES = 1024;

    /** An absolute-form target whose authority is too long to judge. */
    static final Verdict LONG_AUTHORITY = Verdict.reject(400, "request target authority longer than 1 KiB");

    /** A chunked body whose chunk lines albtarget cannot follow. */
    static final Verdict MALFORMED_CHUNK = Verdict.reject(400, "malformed chunked body");

    private enum State {
        REQUEST_LINE_START, METHOD, TARGET_START, TARGET, VERSION, SPACE_AFTER_VERSION, REQUEST_LINE_CR,
        LINE_START, NAME, NAME_CR, VALUE, VALUE_CR, END_CR,
        BODY, CHUNK_SIZE, CHUNK_BLANK, CHUNK_EXTENSION, CHUNK_SIZE_LF, CHUNK_DATA, CHUNK_DATA_CR, CHUNK_DATA_LF,
        TRAILER_LINE_START, TRAILER_LINE, TRAILER_CR, TRAILER_END_CR,
        PASS_THROUGH, REFUSED
    }

    /** How much of a direct buffer is read into an array at a time. */
    private static final int PIECE_BYTES = 1024;

    private final RequestClassifier rules;
    /** Where a direct buffer's bytes are read to be scanned, made on first need: servers on heap buffers never do. */
    private byte @Nullable [] piece;
    /** The start of a target that is not origin-form, made on first need: the ALB itself sends origin-form. */
    private byte @Nullable [] authority;
    private int authorityLength;
    private final ResponseWatch response = new ResponseWatch();
    private State state;
    private boolean connectionStart;
    private int prefaceMatched;
    private int targetLength;
    private int targetHttp1Matched;
    private boolean versionSeen;
    private boolean versionJudged;
    private Field field;
    private Field previousField;
    private long remaining;
    private int chunkDigits;
    private boolean upgrade;
    private Verdict refusal;
    /** Index, in the current scan, of the CR or space whose meaning the next byte decides; -1 if none or earlier. */
    private int pendingAt;

    /** A guard that applies the ALB's default ({@code defensive}) desync mitigation. */
    public RequestHeadGuard() {
        this(DesyncPolicy.of(io.albtarget.AlbSettings.DesyncMitigationMode.DEFENSIVE));
    }

    /** A guard that applies this policy (and counts what it sees with it). */
    public RequestHeadGuard(DesyncPolicy policy) {
        this.rules = new RequestClassifier(policy);
        reset();
    }

    /** Readies the guard for a new connection. */
    public void reset() {
        state = State.REQUEST_LINE_START;
        // the HTTP/2 preface opens a connection; later in one it is no way to switch the guard off
        connectionStart = true;
        refusal = Verdict.accept();
        upgrade = false;
        response.reset();
        rules.startHead();
        startHead();
    }

    private State startHead() {
        prefaceMatched = 0;
        targetLength = 0;
        targetHttp1Matched = 0;
        authorityLength = 0;
        versionSeen = false;
        versionJudged = false;
        field = Field.OTHER;
        previousField = Field.OTHER;
        return State.REQUEST_LINE_START;
    }

    /** Whether the guard has stopped looking at this connection: HTTP/2 by prior knowledge, or an upgrade. */
    public boolean isPassThrough() {
        return state == State.PASS_THROUGH;
    }

    /** Why the guard refused the connection's bytes and what to answer; {@link Verdict#accept()} while it has not. */
    public Verdict refusal() {
        return refusal;
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

    /**
     * Scans the bytes of a buffer from index {@code from} to {@code to}; the buffer is not changed.
     *
     * @return the absolute index of the first refused byte, or -1 if every byte may reach the server
     */
    public int scan(ByteBuffer buffer, int from, int to) {
        pendingAt = -1;
        if (buffer.hasArray()) {
            int offset = buffer.arrayOffset();
            return scanFrom(buffer.array(), offset + from, offset + to, -offset);
        }
        // a direct buffer is read a piece at a time into an array; body bytes are skipped without being read
        if (piece == null) {
            piece = new byte[PIECE_BYTES];
        }
        for (int at = next(from, to); at < to; at = next(at, to)) {
            int length = Math.min(to - at, piece.length);
            buffer.get(at, piece, 0, length);
            int refused = scanFrom(piece, 0, length, at);
            if (refused >= 0) {
                return refused;
            }
            at += length;
        }
        return -1;
    }

    /**
     * Scans {@code bytes[from, to)}.
     *
     * @return the index of the first refused byte, or -1 if every byte may reach the server
     */
    public int scan(byte[] bytes, int from, int to) {
        pendingAt = -1;
        return scanFrom(bytes, from, to, 0);
    }

    /**
     * Scans {@code bytes[from, to)}, which hold the input from index {@code from + shift} on.
     *
     * @return the input index of the first refused byte, or -1 if every byte may reach the server
     */
    private int scanFrom(byte[] bytes, int from, int to, int shift) {
        for (int i = next(from, to); i < to; i = next(i + 1, to)) {
            if (state == State.REQUEST_LINE_START) {
                i = ordinaryRequestLine(bytes, i, to);
            }
            if (i >= 0 && state == State.LINE_START) {
                i = ordinaryLines(bytes, i, to);
            }
            if (i < 0) {
                return refusedAt(~i + shift);
            }
            i = skipPlain(bytes, i, to, plainBytes());
            if (i < to && !accept(bytes[i] & 0xff, i + shift)) {
                return refusedAt(i + shift);
            }
        }
        return -1;
    }

    /** The index of the first byte from {@code i} on that the table does not call fine, or {@code to}. */
    private static int skipPlain(byte[] bytes, int i, int to, byte @Nullable [] plain) {
        if (plain == HttpChars.VALUE) {
            // most of a head is ordinary values: a word at a time, up to the first byte that may not be plain
            while (i <= to - Long.BYTES) {
                long flagged = HttpChars.notPrintableAscii((long) WORDS.get(bytes, i));
                if (flagged != 0) {
                    i += Long.numberOfTrailingZeros(flagged) >>> 3;
                    break;
                }
                i += Long.BYTES;
            }
        }
        while (plain != null && i < to && plain[bytes[i] & 0xff] == HttpChars.FINE) {
            i++;
        }
        return i;
    }

    /**
     * Reads a request line from {@code i} on by runs rather than byte by byte, as long as it is an ordinary one, as
     * the ALB sends: a method of token bytes, SP, an origin-form target, SP, a version, CR LF. Like
     * {@link #ordinaryLines}, each byte that counts meets the handler it would meet byte by byte, and the first
     * other byte, or the end of the read, is left to {@link #step} in the state it finds.
     *
     * @return the index of the first byte left to {@link #step}, or its complement when a handler refused that byte
     */
    private int ordinaryRequestLine(byte[] bytes, int i, int to) {
        if (i == to || !refusal.isAccepted() || HttpChars.NAME[bytes[i] & 0xff] != HttpChars.FINE) {
            return i;
        }
        // no CR or space read before awaits its meaning at the start of a line
        pendingAt = -1;
        rules.startHead();
        state = State.METHOD;
        for (; i < to && HttpChars.NAME[bytes[i] & 0xff] == HttpChars.FINE; i++) {
            if (!method(bytes[i] & 0xff)) {
                return ~i;
            }
        }
        if (i + 1 >= to || bytes[i] != ' ' || bytes[i + 1] != '/') {
            return i;
        }
        method(' ');
        state = State.TARGET;
        if (!target('/', ++i)) {
            return ~i;
        }
        i = skipPlain(bytes, i + 1, to, plainBytes());
        if (i == to || bytes[i] != ' ') {
            return i;
        }
        if (!target(' ', i)) {
            return ~i;
        }
        for (i++; i < to && bytes[i] != ' ' && bytes[i] != '\r' && bytes[i] != '\n'; i++) {
            version(bytes[i] & 0xff, i);
        }
        if (i + 1 >= to || bytes[i] != '\r' || bytes[i + 1] != '\n') {
            return i;
        }
        // CR then LF, as version() and REQUEST_LINE_CR take them: the CR awaits no meaning once the LF is read
        return endRequestLine() ? i + 2 : ~(i + 1);
    }

    /**
     * Reads the field lines from {@code i} on by runs rather than byte by byte, as long as they are ordinary, as the
     * lines of most heads are: a name of token bytes, fed to the rules only until it is settled (see
     * {@link RequestClassifier#nameSettled()}), a colon, a value of bytes the rules skip, CR LF. Each byte that
     * counts meets the handler it would meet byte by byte; the first byte of any other line, or of a line the read
     * cuts, is left to {@link #step} in the state it finds.
     *
     * @return the index of the first byte left to {@link #step}, or its complement ({@code ~index}) when a handler
     *     refused that byte
     */
    private int ordinaryLines(byte[] bytes, int i, int to) {
        while (i < to && refusal.isAccepted() && HttpChars.NAME[bytes[i] & 0xff] == HttpChars.FINE) {
            // no CR or space read before awaits its meaning at the start of a line
            pendingAt = -1;
            int end = fieldNoRuleReads(bytes, i, to);
            if (end > i) {
                // only its bytes' classes mattered, and they are fine: nothing for the handlers to do
                previousField = Field.OTHER;
                i = end;
                continue;
            }
            rules.startField();
            state = State.NAME;
            while (i < to && !rules.nameSettled() && HttpChars.NAME[bytes[i] & 0xff] == HttpChars.FINE) {
                rules.nameByte(bytes[i++] & 0xff);
            }
            i = skipPlain(bytes, i, to, rules.plainNameBytes());
            if (i == to || bytes[i] != ':') {
                return i;
            }
            if (!name(':', i)) {
                return ~i;
            }
            i = skipPlain(bytes, i + 1, to, rules.plainValueBytes());
            if (i + 1 >= to || bytes[i] != '\r' || bytes[i + 1] != '\n') {
                return i;
            }
            // CR then LF, as value() and VALUE_CR take them: the CR awaits no meaning once the LF is read
            if (!endField()) {
                return ~(i + 1);
            }
            i += 2;
        }
        return i;
    }

    /**
     * The index after the field line from {@code i} when the read holds all of it and no rule reads it: its name
     * is settled by its first byte (see {@link RequestClassifier#settlesName}) and of token bytes only, its value
     * of bytes the rules skip; otherwise {@code i}.
     */
    private static int fieldNoRuleReads(byte[] bytes, int i, int to) {
        if (!RequestClassifier.settlesName(bytes[i] & 0xff)) {
            return i;
        }
        int colon = skipPlain(bytes, i + 1, to, HttpChars.NAME);
        if (colon == to || bytes[colon] != ':') {
            return i;
        }
        int end = skipPlain(bytes, colon + 1, to, HttpChars.VALUE);
        return end + 1 < to && bytes[end] == '\r' && bytes[end + 1] == '\n' ? end + 2 : i;
    }

    /** The refused byte: the CR or space that led to the refusal when it came in this scan, else this one. */
    private int refusedAt(int i) {
        return pendingAt >= 0 ? pendingAt : i;
    }

    /**
     * Most head bytes change nothing but their own class: a target byte above SP, an ordinary field's value byte, a
     * token byte of a name that can no longer be one that matters. The table of such bytes for the current state,
     * or null when every byte must be looked at.
     */
    private byte @Nullable [] plainBytes() {
        // asked before every byte the rules look at: the likeliest states first, without a switch's table
        if (state == State.VALUE) {
            return refusal.isAccepted() ? rules.plainValueBytes() : null;
        }
        if (state == State.NAME) {
            return refusal.isAccepted() ? rules.plainNameBytes() : null;
        }
        if (state == State.TARGET) {
            // the first bytes may still make the HTTP/2 preface or a version standing where the target goes, and
            // a target that is not origin-form is kept until it ends
            return prefaceMatched < PREFACE.length || targetHttp1Matched == targetLength || authorityLength > 0
                    || !refusal.isAccepted() ? null : HttpChars.TARGET;
        }
        return null;
    }

    /** The index of the next byte to look at: {@code i}, past body bytes, or {@code to} once in pass-through. */
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
        if (!upgrade || state == State.PASS_THROUGH || state == State.REFUSED) {
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

    /**
     * Looks at one byte; false refuses it (and, with {@link #pendingAt}, maybe an earlier one). Once refused, every
     * later byte is refused; the rest of a refused head is still read, so that its classification is complete.
     */
    private boolean accept(int b, int index) {
        boolean passes = step(b, index);
        return passes && refusal.isAccepted();
    }

    private boolean step(int b, int index) {
        if (!awaitsMeaning()) {
            pendingAt = -1;
        }
        switch (state) {
            case REQUEST_LINE_START:
                if (b == '\r' || b == '\n') {
                    return true;
                }
                // the rules keep the last head's classification until the next head starts
                rules.startHead();
                state = State.METHOD;
                return method(b);
            case METHOD:
                return method(b);
            case TARGET_START:
                state = State.TARGET;
                return target(b, index);
            case TARGET:
                return target(b, index);
            case VERSION:
                return version(b, index);
            case SPACE_AFTER_VERSION:
                return spaceAfterVersion(b);
            case REQUEST_LINE_CR:
                if (b == '\n') {
                    pendingAt = -1;
                    return endRequestLine();
                }
                unfollowable(Slot.TARGET, DesyncReason.BAD_URI);
                state = versionSeen ? State.VERSION : State.TARGET;
                return refusedThenRead(b, index);
            case LINE_START:
                return lineStart(b, index);
            case NAME:
                return name(b, index);
            case NAME_CR:
                if (b == '\n') {
                    state = State.LINE_START;
                    return unfollowable(Slot.PARSE, DesyncReason.MISSING_HEADER_COLON);
                }
                unfollowable(Slot.FIELDS, DesyncReason.BAD_HEADER);
                state = State.NAME;
                return refusedThenRead(b, index);
            case VALUE:
                return value(b, index);
            case VALUE_CR:
                if (b == '\n') {
                    pendingAt = -1;
                    return endField();
                }
                unfollowable(Slot.FIELDS, DesyncReason.BAD_HEADER);
                state = State.VALUE;
                return refusedThenRead(b, index);
            case END_CR:
                if (b == '\n') {
                    // what the whole head means is decided at its last byte
                    pendingAt = -1;
                    return endHead();
                }
                unfollowable(Slot.FIELDS, DesyncReason.BAD_HEADER);
                rules.startField();
                state = State.NAME;
                return refusedThenRead(b, index);
            case REFUSED:
                return false;
            default:
                return body(b);
        }
    }

    /**
     * Reads on after a refused CR, so the classification of the head goes on, while the refusal stays at the CR.
     */
    private boolean refusedThenRead(int b, int index) {
        int refusedCr = pendingAt;
        step(b, index);
        pendingAt = refusedCr;
        return false;
    }

    /** Whether the state holds a CR or space whose meaning this byte decides. */
    private boolean awaitsMeaning() {
        switch (state) {
            case SPACE_AFTER_VERSION:
            case REQUEST_LINE_CR:
            case NAME_CR:
            case VALUE_CR:
            case END_CR:
                return true;
            default:
                return false;
        }
    }

    private boolean method(int b) {
        matchPreface(b);
        if (b == ' ') {
            state = State.TARGET_START;
            return true;
        }
        if (b == '\r' || b == '\n') {
            // no target: the line end ends the request line as it would after a target
            return target(b, -1);
        }
        rules.methodByte(b);
        return decided();
    }

    private boolean target(int b, int index) {
        matchPreface(b);
        switch (b) {
            case ' ':
                state = State.VERSION;
                return endTarget();
            case '\r':
                pendingAt = index;
                state = State.REQUEST_LINE_CR;
                return endTarget();
            case '\n':
                rules.report(Slot.PARSE, DesyncReason.NON_CRLF_LINE_TERMINATION);
                return endTarget() && endRequestLine();
            default:
                if (targetHttp1Matched == targetLength && targetLength < HTTP_1.length && HTTP_1[targetLength] == b) {
                    targetHttp1Matched++;
                }
                if (targetLength == 0 ? b != '/' : authorityLength > 0) {
                    keepAuthority(b);
                }
                targetLength++;
                rules.targetByte(b);
                return decided();
        }
    }

    private void keepAuthority(int b) {
        if (authority == null) {
            authority = new byte[AUTHORITY_BYTES];
        }
        if (authorityLength < AUTHORITY_BYTES) {
            authority[authorityLength] = (byte) b;
        }
        authorityLength++;
    }

    /**
     * A target that is not origin-form must not carry userinfo in its authority (see
     * {@link HostPolicy#judgeTarget(String)}); one whose first KiB does not even end the authority is refused.
     */
    private boolean endTarget() {
        if (authorityLength == 0 || authority == null) {
            return true;
        }
        String kept = new String(authority, 0, Math.min(authorityLength, AUTHORITY_BYTES),
                StandardCharsets.ISO_8859_1);
        authorityLength = 0;
        Verdict verdict = HostPolicy.judgeTarget(kept);
        if (!verdict.isAccepted()) {
            return refuse(verdict);
        }
        int scheme = kept.indexOf("://");
        boolean ended = kept.length() < AUTHORITY_BYTES || kept.chars().skip(scheme < 0 ? 0 : scheme + 3L)
                .anyMatch(c -> c == '/' || c == '?' || c == '#');
        return ended || refuse(LONG_AUTHORITY);
    }

    private boolean version(int b, int index) {
        matchPreface(b);
        switch (b) {
            case ' ':
                pendingAt = index;
                state = State.SPACE_AFTER_VERSION;
                return true;
            case '\r':
                pendingAt = index;
                state = State.REQUEST_LINE_CR;
                return true;
            case '\n':
                rules.report(Slot.PARSE, DesyncReason.NON_CRLF_LINE_TERMINATION);
                return endRequestLine();
            default:
                // only a byte makes a version: a line that ends in a space after its target has none (HTTP/0.9)
                versionSeen = true;
                rules.versionByte(b);
                return true;
        }
    }

    /**
     * A space after what looked like the version: whitespace up to the line end trails the version; anything else
     * makes the space part of the target.
     */
    private boolean spaceAfterVersion(int b) {
        if (HttpChars.isBlank(b)) {
            return true;
        }
        if (b == '\r' || b == '\n') {
            rules.endRequestLine(true);
            versionJudged = true;
            if (!decided()) {
                return false;
            }
            state = State.VERSION;
            return version(b, pendingAt);
        }
        rules.report(Slot.TARGET, DesyncReason.SPACE_IN_URI);
        if (!decided()) {
            return false;
        }
        pendingAt = -1;
        rules.versionIsTarget();
        state = State.VERSION;
        return version(b, -1);
    }

    private void matchPreface(int b) {
        if (connectionStart && prefaceMatched < PREFACE.length && PREFACE[prefaceMatched] == b) {
            prefaceMatched++;
        } else {
            prefaceMatched = PREFACE.length + 1;
        }
    }

    private boolean endRequestLine() {
        if (connectionStart && prefaceMatched == PREFACE.length - 1) {
            state = State.PASS_THROUGH;
            return true;
        }
        connectionStart = false;
        if (!versionSeen) {
            // HTTP/0.9, or no target: the server ends such a request at its line, which the guard cannot follow
            DesyncReason reason = targetLength == 0 || targetHttp1Matched == HTTP_1.length
                    ? DesyncReason.MISSING_URI : DesyncReason.NON_COMPLIANT_VERSION;
            state = State.LINE_START;
            return unfollowable(Slot.VERSION, reason);
        }
        if (!versionJudged) {
            rules.endRequestLine(false);
        }
        state = State.LINE_START;
        return decided();
    }

    private boolean lineStart(int b, int index) {
        switch (b) {
            case '\r':
                pendingAt = index;
                state = State.END_CR;
                return true;
            case '\n':
                rules.report(Slot.PARSE, DesyncReason.NON_CRLF_LINE_TERMINATION);
                return decided() && endHead();
            case ' ':
            case '\t':
                rules.report(Slot.PARSE, DesyncReason.MULTILINE_HEADER);
                if (previousField != Field.OTHER) {
                    // a fold continues a framing field's value: the server reads a value the guard did not
                    return unfollowable(Slot.PARSE, DesyncReason.MULTILINE_HEADER);
                }
                state = State.VALUE;
                field = Field.OTHER;
                return decided();
            case ':':
                rules.startField();
                field = rules.endName();
                state = State.VALUE;
                return decided();
            default:
                rules.startField();
                state = State.NAME;
                return name(b, -1);
        }
    }

    private boolean name(int b, int index) {
        switch (b) {
            case ':':
                field = rules.endName();
                state = State.VALUE;
                return decided();
            case '\r':
                pendingAt = index;
                state = State.NAME_CR;
                return true;
            case '\n':
                state = State.LINE_START;
                return unfollowable(Slot.PARSE, DesyncReason.MISSING_HEADER_COLON);
            default:
                rules.nameByte(b);
                return decided();
        }
    }

    private boolean value(int b, int index) {
        switch (b) {
            case '\r':
                pendingAt = index;
                state = State.VALUE_CR;
                return true;
            case '\n':
                rules.report(Slot.PARSE, DesyncReason.NON_CRLF_LINE_TERMINATION);
                return decided() && endField();
            default:
                rules.valueByte(b);
                return decided();
        }
    }

    private boolean endField() {
        rules.endField();
        previousField = field;
        field = Field.OTHER;
        state = State.LINE_START;
        return decided();
    }

    private boolean endHead() {
        boolean refusedBefore = !refusal.isAccepted();
        rules.endHead();
        if (rules.refusal() == null) {
            rules.record();
        }
        if (refusedBefore || !decided()) {
            state = State.REFUSED;
            return false;
        }
        upgrade |= rules.asksUpgrade();
        if (rules.isChunked()) {
            state = State.CHUNK_SIZE;
            startChunk();
        } else if (rules.bodyLength() > 0) {
            remaining = rules.bodyLength();
            state = State.BODY;
        } else {
            state = startHead();
        }
        return true;
    }

    /** After a byte the rules looked at: false, refusing it, once they refuse the head. */
    private boolean decided() {
        Verdict verdict = rules.refusal();
        if (verdict == null) {
            return true;
        }
        if (refusal.isAccepted()) {
            rules.record();
            refusal = verdict;
        }
        return false;
    }

    private boolean unfollowable(Slot slot, DesyncReason reason) {
        rules.reportUnfollowable(slot, reason);
        return decided();
    }

    /** Refuses in a body, where the guard can no longer tell where anything ends. */
    private boolean refuse(Verdict verdict) {
        state = State.REFUSED;
        if (refusal.isAccepted()) {
            refusal = verdict;
        }
        return false;
    }

    // chunked bodies: followed exactly, refused where they stray from the grammar

    private void startChunk() {
        remaining = 0;
        chunkDigits = 0;
    }

    private boolean body(int b) {
        switch (state) {
            case CHUNK_SIZE:
                return chunkSize(b);
            case CHUNK_BLANK:
                if (HttpChars.isBlank(b)) {
                    return true;
                }
                state = State.CHUNK_EXTENSION;
                return b == ';' || refuse(MALFORMED_CHUNK);
            case CHUNK_EXTENSION:
                if (b == '\r') {
                    state = State.CHUNK_SIZE_LF;
                    return true;
                }
                return b != '\n' && b != 0 || refuseChunkLine(b);
            case CHUNK_SIZE_LF:
                if (b != '\n') {
                    return refuse(MALFORMED_CHUNK);
                }
                state = remaining == 0 ? State.TRAILER_LINE_START : State.CHUNK_DATA;
                return true;
            case CHUNK_DATA_CR:
                state = State.CHUNK_DATA_LF;
                return b == '\r' || refuseChunkLine(b);
            case CHUNK_DATA_LF:
                state = State.CHUNK_SIZE;
                startChunk();
                return b == '\n' || refuse(MALFORMED_CHUNK);
            case TRAILER_LINE_START:
                return trailerLineStart(b);
            case TRAILER_LINE:
                if (b == '\r') {
                    state = State.TRAILER_CR;
                    return true;
                }
                return b != '\n' && b != 0 || refuseChunkLine(b);
            case TRAILER_CR:
                state = State.TRAILER_LINE_START;
                return b == '\n' || refuse(DesyncReason.BAD_HEADER.refusal());
            case TRAILER_END_CR:
                if (b != '\n') {
                    return refuse(DesyncReason.BAD_HEADER.refusal());
                }
                state = startHead();
                return true;
            default:
                return true;
        }
    }

    private boolean chunkSize(int b) {
        int digit = Character.digit(b, 16);
        if (digit >= 0) {
            remaining = remaining << 4 | digit;
            return ++chunkDigits <= MAX_CHUNK_SIZE_DIGITS || refuse(MALFORMED_CHUNK);
        }
        if (chunkDigits == 0) {
            return refuse(MALFORMED_CHUNK);
        }
        switch (b) {
            case ';':
                state = State.CHUNK_EXTENSION;
                return true;
            case ' ':
            case '\t':
                state = State.CHUNK_BLANK;
                return true;
            case '\r':
                state = State.CHUNK_SIZE_LF;
                return true;
            default:
                return refuseChunkLine(b);
        }
    }

    private boolean trailerLineStart(int b) {
        switch (b) {
            case '\r':
                state = State.TRAILER_END_CR;
                return true;
            case ' ':
            case '\t':
                return refuse(DesyncReason.MULTILINE_HEADER.refusal());
            case ':':
                return refuse(DesyncReason.EMPTY_HEADER.refusal());
            default:
                state = State.TRAILER_LINE;
                return b != '\n' && b != 0 || refuseChunkLine(b);
        }
    }

    /** A bare LF or a NUL where a chunk line or trailer line goes on; anything else is malformed. */
    private boolean refuseChunkLine(int b) {
        return refuse(b == '\n' ? DesyncReason.NON_CRLF_LINE_TERMINATION.refusal()
                : b == 0 ? DesyncReason.BAD_HEADER.refusal() : MALFORMED_CHUNK);
    }

    /**
     * The ALB's classification of a whole request head given at once, ended by the end of the input: the reason a
     * guard in monitor mode finds, or the first reason that made it refuse the head anyway.
     */
    static DesyncReason classify(byte[] head) {
        RequestHeadGuard guard = new RequestHeadGuard(
                DesyncPolicy.of(io.albtarget.AlbSettings.DesyncMitigationMode.MONITOR));
        int from = 0;
        while (from < head.length) {
            int refused = guard.scan(head, from, head.length);
            from = refused < 0 ? head.length : refused + 1;
        }
        guard.endOfInput();
        return guard.rules.classification();
    }

    /** The input ended: a head cut short is the ALB's PartialHeaderLine or MissingLastEmptyLine. */
    private void endOfInput() {
        switch (state) {
            case LINE_START:
                rules.report(Slot.PARSE, DesyncReason.MISSING_LAST_EMPTY_LINE);
                break;
            case NAME:
            case NAME_CR:
            case VALUE:
            case VALUE_CR:
            case END_CR:
                rules.report(Slot.PARSE, DesyncReason.PARTIAL_HEADER_LINE);
                break;
            default:
                break;
        }
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
