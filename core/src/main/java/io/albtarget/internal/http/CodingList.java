package io.albtarget.internal.http;

/**
 * The Transfer-Encoding fields of one request head, read the ALB's way: each field a comma-separated list whose
 * elements, with surrounding whitespace and any parameters after {@code ;} removed, must be one of
 * {@code chunked}, {@code compress}, {@code deflate}, {@code gzip} and {@code identity}, any case; an empty
 * element is not one of them.
 *
 * <p>Fed one byte at a time, field by field. Not thread-safe.
 */
final class CodingList {

    private static final byte[][] CODINGS = {
        bytes("chunked"), bytes("compress"), bytes("deflate"), bytes("gzip"), bytes("identity"),
    };
    private static final int CHUNKED = 0;
    private static final int LONGEST = 8;

    private enum State {
        LEADING, TOKEN, BLANK_AFTER_TOKEN, PARAMETERS
    }

    private final byte[] token = new byte[LONGEST];
    private State state;
    private int tokenLength;
    private boolean tokenBroken;
    private boolean tokenHasParameters;

    private int fields;
    private boolean lastWasChunked;
    private boolean chunkedTwice;
    private boolean unknown;
    private boolean otherCoding;
    private int chunkedElements;
    private int otherElements;
    private boolean chunkedWithParameters;

    CodingList() {
        reset();
    }

    /** Readies it for the next head. */
    void reset() {
        fields = 0;
        lastWasChunked = false;
        chunkedTwice = false;
        unknown = false;
        otherCoding = false;
        chunkedElements = 0;
        otherElements = 0;
        chunkedWithParameters = false;
    }

    void startField() {
        fields++;
        startElement();
    }

    void accept(int b) {
        if (b == ',') {
            endElement();
            startElement();
            return;
        }
        switch (state) {
            case LEADING:
                if (!HttpChars.isBlank(b)) {
                    state = State.TOKEN;
                    tokenByte(b);
                }
                break;
            case TOKEN:
                if (HttpChars.isBlank(b)) {
                    state = State.BLANK_AFTER_TOKEN;
                } else {
                    tokenByte(b);
                }
                break;
            case BLANK_AFTER_TOKEN:
                if (b == ';') {
                    tokenHasParameters = true;
                    state = State.PARAMETERS;
                } else if (!HttpChars.isBlank(b)) {
                    // whitespace inside the element: not a coding
                    tokenBroken = true;
                    state = State.PARAMETERS;
                }
                break;
            default:
                break;
        }
    }

    void endField() {
        endElement();
    }

    private void startElement() {
        state = State.LEADING;
        tokenLength = 0;
        tokenBroken = false;
        tokenHasParameters = false;
    }

    private void tokenByte(int b) {
        if (b == ';') {
            tokenHasParameters = true;
            state = State.PARAMETERS;
        } else if (tokenLength < LONGEST) {
            token[tokenLength++] = (byte) HttpChars.lower(b);
        } else {
            tokenBroken = true;
        }
    }

    private void endElement() {
        int coding = tokenBroken ? -1 : coding();
        if (coding < 0) {
            unknown = true;
            lastWasChunked = false;
            if (tokenLength > 0 || tokenHasParameters || tokenBroken) {
                otherElements++;
            }
            return;
        }
        boolean chunked = coding == CHUNKED;
        chunkedTwice |= chunked && lastWasChunked;
        lastWasChunked = chunked;
        if (chunked) {
            chunkedElements++;
            chunkedWithParameters |= tokenHasParameters;
        } else {
            otherCoding = true;
            otherElements++;
        }
    }

    private int coding() {
        for (int c = 0; c < CODINGS.length; c++) {
            byte[] coding = CODINGS[c];
            if (coding.length == tokenLength && java.util.Arrays.equals(coding, 0, tokenLength, token, 0, tokenLength)) {
                return c;
            }
        }
        return -1;
    }

    /** Whether any Transfer-Encoding field was seen. */
    boolean present() {
        return fields > 0;
    }

    /** An empty element, or one that is not a known coding: the ALB's BadTransferEncoding. */
    boolean hasUnknown() {
        return unknown;
    }

    /** {@code chunked} right after {@code chunked}: the ALB's MultipleTransferEncodingChunked. */
    boolean hasChunkedTwice() {
        return chunkedTwice;
    }

    /** A known coding other than chunked, which the ALB answers with 501 (as does Tomcat). */
    boolean hasOtherCoding() {
        return otherCoding;
    }

    /**
     * Whether every supported server frames the body as chunked: one field whose elements, leaving out empty ones,
     * are exactly one {@code chunked} without parameters.
     */
    boolean isPlainChunked() {
        return fields == 1 && chunkedElements == 1 && otherElements == 0 && !chunkedWithParameters;
    }

    private static byte[] bytes(String coding) {
        return coding.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
