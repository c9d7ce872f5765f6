package io.albtarget.http;

import io.albtarget.Verdict;

/**
 * The syntax of one header field line as the server's parser handed it over (RFC 9110 section 5).
 *
 * <p>The ALB forwards a multi-line (obs-fold) header as a line that starts with a colon, i.e. with an empty name;
 * servers that unfold continuation lines themselves leave traces the later checks see (a name that starts with
 * whitespace, or CR/LF kept in a value).
 */
final class HeaderLineRule {

    static final Verdict OBS_FOLD = Verdict.reject(400, "obs-fold (multi-line) header lines are not accepted");
    static final Verdict EMPTY_NAME = Verdict.reject(400, "header line with an empty name");
    static final Verdict SPACE_BEFORE_COLON =
            Verdict.reject(400, "whitespace between a header name and its colon");
    static final Verdict INVALID_NAME = Verdict.reject(400, "header name with a character that is not a token");
    static final Verdict CONTROL_IN_VALUE = Verdict.reject(400, "CR, LF or NUL in a header value");

    /** RFC 9110 tchar, indexed by ASCII code. */
    private static final boolean[] TOKEN = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            TOKEN[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TOKEN[c] = true;
            TOKEN[c - 'a' + 'A'] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TOKEN[c] = true;
        }
    }

    private HeaderLineRule() {
    }

    /** Judges one field line; allocates nothing. */
    static Verdict judge(String name, String value) {
        int length = name.length();
        if (length == 0) {
            return EMPTY_NAME;
        }
        if (isBlank(name.charAt(0))) {
            return OBS_FOLD;
        }
        if (isBlank(name.charAt(length - 1))) {
            return SPACE_BEFORE_COLON;
        }
        for (int i = 0; i < length; i++) {
            char c = name.charAt(i);
            if (c >= 128 || !TOKEN[c]) {
                return INVALID_NAME;
            }
        }
        // String.indexOf is a vectorised intrinsic: three of them beat one loop over the characters
        int cr = value.indexOf('\r');
        int lf = value.indexOf('\n');
        if (cr >= 0 || lf >= 0) {
            return foldAt(value, cr < 0 ? lf : lf < 0 ? cr : Math.min(cr, lf)) ? OBS_FOLD : CONTROL_IN_VALUE;
        }
        return value.indexOf(0) >= 0 ? CONTROL_IN_VALUE : Verdict.accept();
    }

    /** A line break kept in a value is a fold when the next line starts with whitespace. */
    private static boolean foldAt(String value, int index) {
        int next = index + 1;
        if (value.charAt(index) == '\r' && next < value.length() && value.charAt(next) == '\n') {
            next++;
        }
        return next < value.length() && isBlank(value.charAt(next));
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
