package io.albtarget.http;

import io.albtarget.Verdict;

/**
 * How the body is delimited (RFC 9112 section 6): the Content-Length and Transfer-Encoding combinations that make
 * two parsers disagree about where a request ends, the root of request smuggling (HTTP desync).
 *
 * <p>The rules follow the ALB's: any transfer coding other than {@code chunked} or {@code identity} gets 501, as the
 * ALB answers itself; the rest are the cases its desync classifier calls ambiguous or severe.
 */
final class FramingRule {

    static final Verdict BOTH_LENGTH_AND_CODING =
            Verdict.reject(400, "both Content-Length and Transfer-Encoding");
    static final Verdict DIFFERING_LENGTHS = Verdict.reject(400, "several Content-Length values that differ");
    static final Verdict INVALID_LENGTH = Verdict.reject(400, "Content-Length is not a decimal number");
    static final Verdict UNSUPPORTED_CODING =
            Verdict.reject(501, "Transfer-Encoding other than chunked or identity is not supported");
    static final Verdict CHUNKED_TWICE = Verdict.reject(400, "Transfer-Encoding names chunked more than once");

    /** Content-Length values above this many digits could overflow a long; no request body is that large. */
    private static final int MAX_DIGITS = 18;

    private FramingRule() {
    }

    /**
     * The value of a Content-Length line: a list of identical decimal numbers ({@code 5} or {@code 5, 5}).
     *
     * @return the length, or -1 when the value is not such a list, or -2 when its members differ
     */
    static long contentLength(String value) {
        long length = -1;
        int i = 0;
        int n = value.length();
        while (true) {
            while (i < n && isBlank(value.charAt(i))) {
                i++;
            }
            int start = i;
            long member = 0;
            while (i < n && value.charAt(i) >= '0' && value.charAt(i) <= '9') {
                member = member * 10 + (value.charAt(i) - '0');
                i++;
            }
            if (i == start || i - start > MAX_DIGITS) {
                return -1;
            }
            while (i < n && isBlank(value.charAt(i))) {
                i++;
            }
            if (length >= 0 && member != length) {
                return -2;
            }
            length = member;
            if (i == n) {
                return length;
            }
            if (value.charAt(i++) != ',') {
                return -1;
            }
        }
    }

    /**
     * How many times a Transfer-Encoding line names {@code chunked}.
     *
     * @return the count, or -1 when it names a coding other than chunked or identity, or none at all
     */
    static int chunkedCount(String value) {
        int count = 0;
        boolean named = false;
        int i = 0;
        int n = value.length();
        while (i <= n) {
            int end = value.indexOf(',', i);
            if (end < 0) {
                end = n;
            }
            int parameters = value.indexOf(';', i);
            int codingEnd = parameters >= 0 && parameters < end ? parameters : end;
            int start = i;
            while (start < codingEnd && isBlank(value.charAt(start))) {
                start++;
            }
            int stop = codingEnd;
            while (stop > start && isBlank(value.charAt(stop - 1))) {
                stop--;
            }
            named |= stop > start;
            if (is(value, start, stop, "chunked")) {
                count++;
            } else if (stop > start && !is(value, start, stop, "identity")) {
                return -1;
            }
            i = end + 1;
        }
        return named ? count : -1;
    }

    private static boolean is(String value, int start, int stop, String coding) {
        return stop - start == coding.length() && value.regionMatches(true, start, coding, 0, coding.length());
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
