package io.albtarget.internal.http;

import java.nio.charset.StandardCharsets;

/**
 * Whether a field name is, or merely resembles, {@code transfer-encoding} or {@code content-length}, by the ALB's
 * rule: the same letters in the same order, any case, where each dash may be any run of non-alphanumeric bytes (or
 * missing), bytes up to SP may stand between letters, a leading run of non-alphanumeric bytes is ignored, nothing
 * alphanumeric may follow, and the UTF-8 letters long s ({@code ſ}) and dotless i ({@code ı}), which upper-case to
 * S and I, count as {@code s} and {@code i}. A name that resembles one without being it is how requests are
 * smuggled past a front end that normalises names and a back end that does not (or the other way round).
 *
 * <p>The name is fed one byte at a time, so a name split across reads needs no copy. One instance judges one name
 * at a time against one word; {@link #reset()} readies it for the next. Not thread-safe.
 */
final class Resemblance {

    /** How close a name is to the word. */
    enum Result {
        DISTANT, RESEMBLES, IDENTICAL
    }

    private enum State {
        LEADING, COMPARE, SKIP_CONTROLS, SKIP_DELIMITERS, LOOKALIKE, BROKEN, MATCHED, DISTANT
    }

    static final byte[] TRANSFER_ENCODING = "transfer-encoding".getBytes(StandardCharsets.US_ASCII);
    static final byte[] CONTENT_LENGTH = "content-length".getBytes(StandardCharsets.US_ASCII);

    private static final int LONG_S_LEAD = 0xc5;
    private static final int LONG_S_TRAIL = 0xbf;
    private static final int DOTLESS_I_LEAD = 0xc4;
    private static final int DOTLESS_I_TRAIL = 0xb1;

    private final byte[] word;
    private State state;
    private int matched;
    private int length;
    private boolean exact;
    private boolean symbolAfter;
    private boolean alphanumericAfter;

    Resemblance(byte[] word) {
        this.word = word;
        reset();
    }

    void reset() {
        state = State.LEADING;
        matched = 0;
        length = 0;
        exact = true;
        symbolAfter = false;
        alphanumericAfter = false;
    }

    /** Whether no further byte can make the name resemble the word. */
    boolean isDistant() {
        return state == State.DISTANT;
    }

    void accept(int b) {
        if (state == State.DISTANT) {
            // no byte can change the verdict, and the length no longer matters
            return;
        }
        length++;
        switch (state) {
            case LEADING:
                if (HttpChars.isAlphanumeric(b)) {
                    exact = length == 1;
                    compare(b);
                } else {
                    exact = false;
                }
                break;
            case SKIP_CONTROLS:
                if (b > ' ') {
                    compare(b);
                } else {
                    exact = false;
                }
                break;
            case SKIP_DELIMITERS:
                if (HttpChars.isAlphanumeric(b)) {
                    compare(b);
                } else {
                    exact = false;
                }
                break;
            case LOOKALIKE:
                exact = false;
                if (b == (word[matched] == 's' ? LONG_S_TRAIL : DOTLESS_I_TRAIL)) {
                    letterMatched();
                } else {
                    // the lead byte stands unmatched: what follows it decides, as after any other mismatch
                    broken(b);
                }
                break;
            case BROKEN:
                broken(b);
                break;
            case MATCHED:
                symbolAfter |= b > ' ';
                alphanumericAfter |= HttpChars.isAlphanumeric(b);
                if (alphanumericAfter) {
                    state = State.DISTANT;
                }
                break;
            default:
                break;
        }
    }

    private void compare(int b) {
        int expected = word[matched];
        if (expected == '-') {
            exact &= b == '-';
            matched++;
            // the byte is consumed whether or not it was a dash
            state = State.SKIP_DELIMITERS;
        } else if (HttpChars.lower(b) == expected) {
            letterMatched();
        } else if (expected == 's' && b == LONG_S_LEAD || expected == 'i' && b == DOTLESS_I_LEAD) {
            state = State.LOOKALIKE;
        } else {
            broken(b);
        }
    }

    private void letterMatched() {
        matched++;
        state = matched == word.length ? State.MATCHED : State.SKIP_CONTROLS;
    }

    /** After a letter failed to match, the name resembles the word only if nothing alphanumeric follows. */
    private void broken(int b) {
        state = HttpChars.isAlphanumeric(b) ? State.DISTANT : State.BROKEN;
    }

    /** The verdict on the name fed since {@link #reset()}. */
    Result result() {
        if (length < word.length) {
            return Result.DISTANT;
        }
        switch (state) {
            case MATCHED:
                return !symbolAfter && exact && length == word.length ? Result.IDENTICAL
                        : alphanumericAfter ? Result.DISTANT : Result.RESEMBLES;
            case BROKEN:
            case LOOKALIKE:
                return Result.RESEMBLES;
            default:
                return Result.DISTANT;
        }
    }
}
