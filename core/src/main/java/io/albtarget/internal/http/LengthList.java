package io.albtarget.internal.http;

/**
 * The Content-Length fields of one request head, read the ALB's way: each value, without surrounding whitespace,
 * a decimal number; several fields must agree. albtarget also refuses an empty value (every supported server does),
 * and a number of more than 18 digits, which no body reaches and not every server reads the same.
 *
 * <p>Fed one byte at a time, field by field. Not thread-safe.
 */
final class LengthList {

    private static final int MAX_DIGITS = 18;

    private enum State {
        LEADING, DIGITS, TRAILING, BAD
    }

    private State state;
    private long value;
    private int digits;

    private int fields;
    private long first;
    private boolean bad;
    private boolean differ;

    LengthList() {
        reset();
    }

    void reset() {
        fields = 0;
        first = -1;
        bad = false;
        differ = false;
    }

    void startField() {
        state = State.LEADING;
        value = 0;
        digits = 0;
    }

    void accept(int b) {
        boolean digit = b >= '0' && b <= '9';
        switch (state) {
            case LEADING:
            case DIGITS:
                if (digit) {
                    state = State.DIGITS;
                    if (++digits <= MAX_DIGITS) {
                        value = value * 10 + (b - '0');
                    }
                } else if (HttpChars.isBlank(b)) {
                    state = state == State.DIGITS ? State.TRAILING : State.LEADING;
                } else {
                    state = State.BAD;
                }
                break;
            case TRAILING:
                if (!HttpChars.isBlank(b)) {
                    state = State.BAD;
                }
                break;
            default:
                break;
        }
    }

    void endField() {
        fields++;
        if (digits == 0 || digits > MAX_DIGITS || state == State.BAD) {
            bad = true;
        } else if (first < 0) {
            first = value;
        } else if (value != first) {
            differ = true;
        }
    }

    boolean present() {
        return fields > 0;
    }

    /** A value that is not a decimal number of at most 18 digits: the ALB's BadContentLength. */
    boolean isBad() {
        return bad;
    }

    /** Several fields: the ALB's DuplicateContentLength when they agree. */
    boolean isRepeated() {
        return fields > 1;
    }

    /** Several fields that disagree: the ALB's MultipleContentLength. */
    boolean differ() {
        return differ;
    }

    /** The length, when there is exactly one good field; otherwise -1. */
    long length() {
        return fields == 1 && !bad ? first : -1;
    }
}
