package io.albtarget.internal.http;

/**
 * The byte classes the ALB's classifier judges request bytes by: a byte is fine, merely non-compliant, or bad
 * (CR, LF and NUL, which split or cut lines). One table per place a byte can stand: a field name, a field value and
 * the request target.
 */
final class HttpChars {

    /** A byte the standard allows there. */
    static final byte FINE = 0;
    /** A byte the standard does not allow there, but no parser splits on. */
    static final byte NON_COMPLIANT = 1;
    /** CR, LF or NUL. */
    static final byte BAD = 2;
    /** A space (in the request target only, where it ends the target or makes the line ambiguous). */
    static final byte SPACE = 3;

    /** By byte: token characters (RFC 9110 tchar) are fine, CR LF NUL bad, everything else non-compliant. */
    static final byte[] NAME = new byte[256];
    /** By byte: VCHAR, obs-text, SP and HTAB are fine, CR LF NUL bad, the other controls non-compliant. */
    static final byte[] VALUE = new byte[256];
    /** By byte: anything above SP but DEL is fine (obs-text included), SP is a space, CR LF NUL bad, other controls non-compliant. */
    static final byte[] TARGET = new byte[256];

    static {
        for (int b = 0; b < 256; b++) {
            boolean bad = b == '\r' || b == '\n' || b == 0;
            boolean control = b < 0x20 || b == 0x7f;
            NAME[b] = bad ? BAD : isTchar(b) ? FINE : NON_COMPLIANT;
            VALUE[b] = bad ? BAD : control && b != '\t' ? NON_COMPLIANT : FINE;
            TARGET[b] = bad ? BAD : b == ' ' ? SPACE : control ? NON_COMPLIANT : FINE;
        }
    }

    private HttpChars() {
    }

    /**
     * The bytes of a word that may not be printable ASCII (SP to {@code ~}, bytes {@link #VALUE} calls fine): the
     * high bit of each such byte set, the rest 0. The lowest flagged byte is not printable ASCII; bytes above it may
     * be flagged though they are. 0 when all 8 are printable, so an ordinary value is skipped a word at a time and
     * the table decides from the first flagged byte on.
     */
    static long notPrintableAscii(long word) {
        // per byte, the high bit of each term flags a byte from 0x80 up, one below SP, one that is DEL; a borrow
        // crosses into the next byte only from a byte already flagged
        long belowSpace = word - 0x2020202020202020L;
        long delete = word ^ 0x7f7f7f7f7f7f7f7fL;
        long deleteFound = delete - 0x0101010101010101L & ~delete;
        return (word | belowSpace | deleteFound) & 0x8080808080808080L;
    }

    /** RFC 9110 tchar: letters, digits and {@code !#$%&'*+-.^_`|~}. */
    static boolean isTchar(int b) {
        return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
                || b < 128 && "!#$%&'*+-.^_`|~".indexOf(b) >= 0;
    }

    static boolean isAlphanumeric(int b) {
        return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9';
    }

    /** SP or HTAB, the whitespace (OWS) allowed around list elements and values. */
    static boolean isBlank(int b) {
        return b == ' ' || b == '\t';
    }

    static int lower(int b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b;
    }

    /** The byte a char of a parsed request stands for: servers decode request bytes one char per byte. */
    static int byteOf(char c) {
        return c < 256 ? c : 0x80;
    }
}
