package io.albtarget.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Requests as raw bytes, written from the ALB's desync classification rules (tier and reason, see
 * {@link DesyncReason}): at least three for every reason, with the reason the ALB gives each. Every request names
 * {@code Host: 127.0.0.1}, so that a target on the loopback accepts its Host.
 *
 * <p>Shared by the classifier's unit tests and the conformance suite that sends each case to every server.
 */
public final class DesyncCases {

    /** A request and the reason the ALB's classifier gives it. */
    public record Case(String name, DesyncReason reason, String request, boolean complete) {
        /** The request as bytes on the wire (ISO-8859-1). */
        public byte[] bytes() {
            return request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            return reason.albName() + ": " + name;
        }
    }

    /** A transfer coding the ALB answers with 501 itself, whatever its desync mode. */
    public record Coding(String name, String request) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String HOST = "Host: 127.0.0.1\r\n";
    private static final List<Case> ALL = new ArrayList<>();
    private static final List<Coding> UNSUPPORTED = new ArrayList<>();

    static {
        // without its Connection: close, so that the connection shows whether albtarget closed it
        compliant("the ALB health check", get("User-Agent: ELB-HealthChecker/2.0\r\n"
                + "Accept-Encoding: gzip, compressed\r\n"));
        compliant("a GET with the headers the ALB adds", get("X-Forwarded-For: 203.0.113.7, 10.0.0.5\r\n"
                + "X-Forwarded-Proto: https\r\nX-Forwarded-Port: 443\r\n"
                + "X-Amzn-Trace-Id: Root=1-63441c4a-abcdef012345678912345678\r\nAccept: */*\r\n"));
        compliant("a POST with a Content-Length body", post("Content-Length: 5\r\n", "hello"));
        compliant("a chunked POST", post("Transfer-Encoding: chunked\r\n", "5\r\nhello\r\n0\r\n\r\n"));
        compliant("a chunked POST with an extension and a trailer",
                post("Transfer-Encoding: chunked\r\n", "5;ext=1\r\nhello\r\n0\r\nX-Trailer: t\r\n\r\n"));
        compliant("Transfer-Encoding in upper case", post("Transfer-Encoding: CHUNKED\r\n", "0\r\n\r\n"));
        compliant("HTAB and obs-text inside a value", get("X-Test: a\tb \u00e9\u00ff\r\n"));
        compliant("an empty value and a value full of colons", get("X-Empty:\r\nX-Test: a:b::c\r\n"));
        compliant("an absolute-form target", "GET http://127.0.0.1/ HTTP/1.1\r\n" + HOST + "\r\n");

        reason(DesyncReason.NON_COMPLIANT_HEADER, "a value with a control byte", get("X-Test: a\u0001b\r\n"));
        reason(DesyncReason.NON_COMPLIANT_HEADER, "a value with DEL", get("X-Test: a\u007fb\r\n"));
        reason(DesyncReason.NON_COMPLIANT_HEADER, "a name with a quote", get("X\"Test: v\r\n"));
        reason(DesyncReason.NON_COMPLIANT_HEADER, "a name with a brace", get("X{Test}: v\r\n"));
        reason(DesyncReason.NON_COMPLIANT_HEADER, "whitespace between name and colon", get("X-Test : v\r\n"));

        reason(DesyncReason.SPACE_IN_URI, "a space in the path", line("GET /a b HTTP/1.1"));
        reason(DesyncReason.SPACE_IN_URI, "a space in the query", line("GET /?q=a b HTTP/1.1"));
        reason(DesyncReason.SPACE_IN_URI, "two spaces before the version", line("GET /a  HTTP/1.1"));

        reason(DesyncReason.NON_COMPLIANT_VERSION, "HTTP/1.2", line("GET / HTTP/1.2"));
        reason(DesyncReason.NON_COMPLIANT_VERSION, "HTTP/1.9", line("GET / HTTP/1.9"));
        reason(DesyncReason.NON_COMPLIANT_VERSION, "a space after the version", line("GET / HTTP/1.1 "));
        reason(DesyncReason.NON_COMPLIANT_VERSION, "no version (HTTP/0.9)", "GET /\r\n\r\n");

        reason(DesyncReason.GET_HEAD_ZERO_CONTENT_LENGTH, "GET with Content-Length: 0", get("Content-Length: 0\r\n"));
        reason(DesyncReason.GET_HEAD_ZERO_CONTENT_LENGTH, "GET with Content-Length: 00", get("Content-Length: 00\r\n"));
        reason(DesyncReason.GET_HEAD_ZERO_CONTENT_LENGTH, "GET with content-length:0", get("content-length:0\r\n"));

        reason(DesyncReason.NON_CRLF_LINE_TERMINATION, "the request line ends in LF",
                "GET / HTTP/1.1\n" + HOST + "\r\n");
        reason(DesyncReason.NON_CRLF_LINE_TERMINATION, "a field line ends in LF", get("X-Test: v\n"));
        reason(DesyncReason.NON_CRLF_LINE_TERMINATION, "the empty line is a bare LF",
                "GET / HTTP/1.1\r\n" + HOST + "\n");
        reason(DesyncReason.NON_CRLF_LINE_TERMINATION, "every line ends in LF", "GET / HTTP/1.1\nHost: 127.0.0.1\n\n");

        reason(DesyncReason.EMPTY_HEADER, "a line starting with a colon", get(": value\r\n"));
        reason(DesyncReason.EMPTY_HEADER, "a colon and a value without space", get(":value\r\n"));
        reason(DesyncReason.EMPTY_HEADER, "two colons", get("::\r\n"));

        reason(DesyncReason.AMBIGUOUS_URI, "a tab in the target", line("GET /a\tb HTTP/1.1"));
        reason(DesyncReason.AMBIGUOUS_URI, "a tab, then what looks like the version",
                line("GET /a\tHTTP/1.1 HTTP/1.1"));
        reason(DesyncReason.AMBIGUOUS_URI, "a vertical tab in the target", line("GET /a\u000bb HTTP/1.1"));
        reason(DesyncReason.AMBIGUOUS_URI, "DEL in the target", line("GET /a\u007fb HTTP/1.1"));
        reason(DesyncReason.AMBIGUOUS_URI, "a control byte in the query", line("GET /?q=\u0001 HTTP/1.1"));

        reason(DesyncReason.UNDEFINED_CONTENT_LENGTH_SEMANTICS, "GET with a 5-byte body",
                "GET / HTTP/1.1\r\n" + HOST + "Content-Length: 5\r\n\r\nhello");
        reason(DesyncReason.UNDEFINED_CONTENT_LENGTH_SEMANTICS, "GET with a 1-byte body",
                "GET /?a=1 HTTP/1.1\r\n" + HOST + "Content-Length: 1\r\n\r\nx");
        reason(DesyncReason.UNDEFINED_CONTENT_LENGTH_SEMANTICS, "GET with a body that looks like a request",
                "GET / HTTP/1.1\r\n" + HOST + "Content-Length: 18\r\n\r\nGET /x HTTP/1.1\r\n\r\n");

        reason(DesyncReason.UNDEFINED_TRANSFER_ENCODING_SEMANTICS, "GET with a chunked body",
                "GET / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
        reason(DesyncReason.UNDEFINED_TRANSFER_ENCODING_SEMANTICS, "GET with an empty chunked body",
                "GET / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        reason(DesyncReason.UNDEFINED_TRANSFER_ENCODING_SEMANTICS, "GET with Transfer-Encoding in upper case",
                "GET / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: Chunked\r\n\r\n0\r\n\r\n");

        reason(DesyncReason.TRANSFER_ENCODING_BEFORE_HTTP_1_1, "an HTTP/1.0 POST with a chunked body",
                "POST / HTTP/1.0\r\n" + HOST + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
        reason(DesyncReason.TRANSFER_ENCODING_BEFORE_HTTP_1_1, "an HTTP/1.0 PUT with an empty chunked body",
                "PUT / HTTP/1.0\r\n" + HOST + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        reason(DesyncReason.TRANSFER_ENCODING_BEFORE_HTTP_1_1, "an HTTP/1.0 GET with a chunked body",
                "GET / HTTP/1.0\r\n" + HOST + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n");

        reason(DesyncReason.DUPLICATE_CONTENT_LENGTH, "Content-Length twice",
                post("Content-Length: 5\r\nContent-Length: 5\r\n", "hello"));
        reason(DesyncReason.DUPLICATE_CONTENT_LENGTH, "Content-Length three times",
                post("Content-Length: 3\r\ncontent-length: 3\r\nCONTENT-LENGTH: 3\r\n", "abc"));
        reason(DesyncReason.DUPLICATE_CONTENT_LENGTH, "Content-Length twice, once with a leading zero",
                post("Content-Length: 5\r\nContent-Length: 05\r\n", "hello"));

        reason(DesyncReason.BOTH_TE_CL_PRESENT, "Content-Length, then Transfer-Encoding",
                post("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n"));
        reason(DesyncReason.BOTH_TE_CL_PRESENT, "Transfer-Encoding, then Content-Length: 0",
                post("Transfer-Encoding: chunked\r\nContent-Length: 0\r\n", "0\r\n\r\n"));
        reason(DesyncReason.BOTH_TE_CL_PRESENT, "Content-Length with an upper-case coding",
                post("Content-Length: 4\r\nTransfer-Encoding: CHUNKED\r\n", "0\r\n\r\n"));

        reason(DesyncReason.SUSPICIOUS_HEADER, "Transfer_Encoding", post("Transfer_Encoding: chunked\r\n", ""));
        reason(DesyncReason.SUSPICIOUS_HEADER, "Content_Length", post("Content_Length: 5\r\n", ""));
        reason(DesyncReason.SUSPICIOUS_HEADER, "Content-Length with a trailing dash",
                post("Content-Length-: 5\r\n", ""));
        reason(DesyncReason.SUSPICIOUS_HEADER, "Transfer-Encoding with a dotless i",
                post("Transfer-Encod\u00c4\u00b1ng: chunked\r\n", ""));
        reason(DesyncReason.SUSPICIOUS_HEADER, "Transfer-Encoding with a space before the colon",
                post("Transfer-Encoding : chunked\r\n", ""));
        reason(DesyncReason.SUSPICIOUS_HEADER, "CONTENT.LENGTH", post("CONTENT.LENGTH: 5\r\n", ""));

        reason(DesyncReason.MULTILINE_HEADER, "obs-fold with SP", get("X-Test: a\r\n b\r\n"));
        reason(DesyncReason.MULTILINE_HEADER, "obs-fold with HTAB", get("X-Test: a\r\n\tb\r\n"));
        reason(DesyncReason.MULTILINE_HEADER, "obs-fold that looks like a header",
                get("X-Test: a\r\n Transfer-Encoding: chunked\r\n"));
        reason(DesyncReason.MULTILINE_HEADER, "whitespace before the first field line",
                "GET / HTTP/1.1\r\n X-Test: v\r\n" + HOST + "\r\n");

        incomplete(DesyncReason.PARTIAL_HEADER_LINE, "the head ends inside a value", "GET / HTTP/1.1\r\n" + HOST
                + "X-Test: a");
        incomplete(DesyncReason.PARTIAL_HEADER_LINE, "the head ends inside a name", "GET / HTTP/1.1\r\n" + HOST
                + "X-Te");
        incomplete(DesyncReason.PARTIAL_HEADER_LINE, "the head ends after a CR", "GET / HTTP/1.1\r\n" + HOST
                + "X-Test: a\r");

        incomplete(DesyncReason.MISSING_LAST_EMPTY_LINE, "no empty line", "GET / HTTP/1.1\r\n" + HOST);
        incomplete(DesyncReason.MISSING_LAST_EMPTY_LINE, "no empty line after two fields",
                "GET / HTTP/1.1\r\n" + HOST + "X-Test: v\r\n");
        incomplete(DesyncReason.MISSING_LAST_EMPTY_LINE, "a POST without its empty line",
                "POST / HTTP/1.1\r\n" + HOST + "Content-Length: 0\r\n");

        reason(DesyncReason.MISSING_HEADER_COLON, "a field line without a colon", get("X-Test value\r\n"));
        reason(DesyncReason.MISSING_HEADER_COLON, "a bare name", get("X-Test\r\n"));
        reason(DesyncReason.MISSING_HEADER_COLON, "a semicolon for a colon", get("X-Test;v\r\n"));

        reason(DesyncReason.MISSING_URI, "GET without a target", line("GET HTTP/1.1"));
        reason(DesyncReason.MISSING_URI, "POST without a target", line("POST HTTP/1.1"));
        reason(DesyncReason.MISSING_URI, "HEAD without a target", line("HEAD HTTP/1.0"));

        reason(DesyncReason.FRAMING_HEADER_IN_CONNECTION, "Connection: Transfer-Encoding",
                get("Connection: Transfer-Encoding\r\n"));
        reason(DesyncReason.FRAMING_HEADER_IN_CONNECTION, "Connection: keep-alive, CONTENT-LENGTH",
                get("Connection: keep-alive, CONTENT-LENGTH\r\n"));
        reason(DesyncReason.FRAMING_HEADER_IN_CONNECTION, "Connection naming the framing of a chunked POST",
                post("Connection: transfer-encoding\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n"));

        reason(DesyncReason.BAD_HEADER, "NUL in a value", get("X-Test: a\u0000b\r\n"));
        reason(DesyncReason.BAD_HEADER, "a bare CR in a value", get("X-Test: a\rb\r\n"));
        reason(DesyncReason.BAD_HEADER, "NUL in a name", get("X-Te\u0000st: v\r\n"));
        reason(DesyncReason.BAD_HEADER, "a bare CR in a name", get("X-Te\rst: v\r\n"));

        reason(DesyncReason.BAD_URI, "NUL in the path", line("GET /a\u0000 HTTP/1.1"));
        reason(DesyncReason.BAD_URI, "a bare CR in the path", line("GET /a\rb HTTP/1.1"));
        reason(DesyncReason.BAD_URI, "NUL in the query", line("GET /?q=\u0000 HTTP/1.1"));

        reason(DesyncReason.BAD_VERSION, "HTTP/1.x", line("GET / HTTP/1.x"));
        reason(DesyncReason.BAD_VERSION, "a lower-case version", line("GET / http/1.1"));
        reason(DesyncReason.BAD_VERSION, "HTTP/11", line("GET / HTTP/11"));
        reason(DesyncReason.BAD_VERSION, "HTTP/1.1.1", line("GET / HTTP/1.1.1"));

        reason(DesyncReason.BAD_METHOD, "a brace in the method", line("G{T / HTTP/1.1"));
        reason(DesyncReason.BAD_METHOD, "a quote in the method", line("GE\"T / HTTP/1.1"));
        reason(DesyncReason.BAD_METHOD, "a tab after the method", line("GET\t/ HTTP/1.1"));

        reason(DesyncReason.MULTIPLE_CONTENT_LENGTH, "5 and 6",
                post("Content-Length: 5\r\nContent-Length: 6\r\n", "hello"));
        reason(DesyncReason.MULTIPLE_CONTENT_LENGTH, "0 and 5",
                post("Content-Length: 0\r\nContent-Length: 5\r\n", "hello"));
        reason(DesyncReason.MULTIPLE_CONTENT_LENGTH, "3, 3 and 4",
                post("Content-Length: 3\r\nContent-Length: 3\r\nContent-Length: 4\r\n", "abc"));

        reason(DesyncReason.BAD_CONTENT_LENGTH, "letters", post("Content-Length: abc\r\n", ""));
        reason(DesyncReason.BAD_CONTENT_LENGTH, "a plus sign", post("Content-Length: +5\r\n", "hello"));
        reason(DesyncReason.BAD_CONTENT_LENGTH, "a minus sign", post("Content-Length: -1\r\n", ""));
        reason(DesyncReason.BAD_CONTENT_LENGTH, "a list", post("Content-Length: 5, 5\r\n", "hello"));
        reason(DesyncReason.BAD_CONTENT_LENGTH, "empty", post("Content-Length:\r\n", ""));
        reason(DesyncReason.BAD_CONTENT_LENGTH, "beyond 64 bits", post("Content-Length: 18446744073709551621\r\n",
                "hello"));

        reason(DesyncReason.MULTIPLE_TRANSFER_ENCODING_CHUNKED, "chunked, chunked",
                post("Transfer-Encoding: chunked, chunked\r\n", "0\r\n\r\n"));
        reason(DesyncReason.MULTIPLE_TRANSFER_ENCODING_CHUNKED, "two Transfer-Encoding lines",
                post("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n"));
        reason(DesyncReason.MULTIPLE_TRANSFER_ENCODING_CHUNKED, "CHUNKED,chunked",
                post("Transfer-Encoding: CHUNKED,chunked\r\n", "0\r\n\r\n"));

        reason(DesyncReason.BAD_TRANSFER_ENCODING, "chunked and an empty element",
                post("Transfer-Encoding: chunked,\r\n", "0\r\n\r\n"));
        reason(DesyncReason.BAD_TRANSFER_ENCODING, "an empty element, then chunked",
                post("Transfer-Encoding: , chunked\r\n", "0\r\n\r\n"));
        reason(DesyncReason.BAD_TRANSFER_ENCODING, "an unknown coding", post("Transfer-Encoding: foo\r\n", "0\r\n\r\n"));
        reason(DesyncReason.BAD_TRANSFER_ENCODING, "an unknown coding, then chunked",
                post("Transfer-Encoding: x-custom, chunked\r\n", "0\r\n\r\n"));

        UNSUPPORTED.add(new Coding("gzip, chunked", post("Transfer-Encoding: gzip, chunked\r\n", "0\r\n\r\n")));
        UNSUPPORTED.add(new Coding("deflate, chunked", post("Transfer-Encoding: deflate, chunked\r\n", "0\r\n\r\n")));
        UNSUPPORTED.add(new Coding("gzip alone", post("Transfer-Encoding: gzip\r\n", "")));
        UNSUPPORTED.add(new Coding("identity", post("Transfer-Encoding: identity\r\n", "")));
        UNSUPPORTED.add(new Coding("identity, chunked",
                post("Transfer-Encoding: identity, chunked\r\n", "0\r\n\r\n")));
    }

    private DesyncCases() {
    }

    /** Every case, in the order of the reasons. */
    public static List<Case> all() {
        return Collections.unmodifiableList(ALL);
    }

    /** The transfer codings the ALB answers with 501. */
    public static List<Coding> unsupportedCodings() {
        return Collections.unmodifiableList(UNSUPPORTED);
    }

    private static void compliant(String name, String request) {
        reason(DesyncReason.COMPLIANT, name, request);
    }

    private static void reason(DesyncReason reason, String name, String request) {
        ALL.add(new Case(name, reason, request, true));
    }

    private static void incomplete(DesyncReason reason, String name, String request) {
        ALL.add(new Case(name, reason, request, false));
    }

    private static String line(String requestLine) {
        return requestLine + "\r\n" + HOST + "\r\n";
    }

    private static String get(String headers) {
        return "GET / HTTP/1.1\r\n" + HOST + headers + "\r\n";
    }

    private static String post(String headers, String body) {
        return "POST / HTTP/1.1\r\n" + HOST + headers + "\r\n" + body;
    }
}
