package io.albtarget;

import io.albtarget.internal.Printable;
import java.util.Arrays;
import java.util.Locale;

/**
 * The target group's success-code matcher ({@code Matcher.HttpCode}): the HTTP codes the ALB counts as a healthy
 * answer to its health check.
 *
 * <p>The grammar is the ALB's: a single code ({@code 200}), a comma-separated list ({@code 200,202}) or one range
 * ({@code 200-299}), every code between 200 and 499. Anything else is rejected, because the ALB would reject it
 * too and the target group would never match what the application was told.
 *
 * <pre>{@code
 * SuccessCodes codes = SuccessCodes.parse("200-299");
 * codes.matches(204);    // true
 * codes.healthyCode();   // 200
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SuccessCodes {

    private static final int MIN = 200;
    private static final int MAX = 499;
    private static final SuccessCodes DEFAULT = new SuccessCodes("200", new int[] {200});

    private final String text;
    private final int[] codes;

    private SuccessCodes(String text, int[] codes) {
        this.text = text;
        this.codes = codes;
    }

    /** The ALB's default matcher, {@code 200}. */
    public static SuccessCodes ofDefault() {
        return DEFAULT;
    }

    /**
     * Parses a matcher as the ALB accepts it.
     *
     * @param matcher {@code 200}, {@code 200,202} or {@code 200-299}; blanks around codes are ignored
     * @return the matcher
     * @throws IllegalArgumentException if the text is empty, not a code, list or range, a code is outside 200 to
     *     499, or a range runs backwards; the message names {@code alb.health-check.matcher} and the value
     */
    public static SuccessCodes parse(String matcher) {
        String text = matcher.strip();
        if (text.isEmpty()) {
            throw invalid(matcher, "it is empty");
        }
        int dash = text.indexOf('-');
        if (dash >= 0) {
            if (text.indexOf(',') >= 0) {
                throw invalid(matcher, "the ALB takes either a list or one range, not both");
            }
            int from = code(matcher, text.substring(0, dash));
            int to = code(matcher, text.substring(dash + 1));
            if (from > to) {
                throw invalid(matcher, "the range starts above its end");
            }
            int[] codes = new int[to - from + 1];
            Arrays.setAll(codes, i -> from + i);
            return new SuccessCodes(from + "-" + to, codes);
        }
        int[] codes = Arrays.stream(text.split(",", -1)).mapToInt(part -> code(matcher, part)).sorted().distinct()
                .toArray();
        return new SuccessCodes(text.replace(" ", ""), codes);
    }

    private static int code(String matcher, String part) {
        String digits = part.strip();
        if (digits.length() != 3 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid(matcher, "'" + digits + "' is not a three-digit code");
        }
        int code = Integer.parseInt(digits);
        if (code < MIN || code > MAX) {
            throw invalid(matcher, "the ALB accepts codes from " + MIN + " to " + MAX + " only");
        }
        return code;
    }

    private static IllegalArgumentException invalid(String matcher, String why) {
        return new IllegalArgumentException(String.format(Locale.ROOT,
                "%s must be a code from %d to %d, a list such as 200,202 or a range such as 200-299, but was '%s' (%s)",
                Setting.HEALTH_CHECK_MATCHER.property(), MIN, MAX, Printable.of(matcher), why));
    }

    /** Whether the ALB counts this status code as healthy. */
    public boolean matches(int code) {
        return Arrays.binarySearch(codes, code) >= 0;
    }

    /** The code a healthy target answers: the lowest code the matcher accepts ({@code 200} for {@code 200-299}). */
    public int healthyCode() {
        return codes[0];
    }

    /** The matcher in the ALB's own syntax, e.g. {@code 200-299}. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SuccessCodes && Arrays.equals(codes, ((SuccessCodes) other).codes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(codes);
    }
}
