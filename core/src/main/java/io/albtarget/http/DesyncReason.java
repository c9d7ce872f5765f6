package io.albtarget.http;

import io.albtarget.Verdict;

/**
 * Why a request falls in its {@link DesyncTier}: the ALB's own classification reasons (the
 * {@code classification_reason} of its access log), plus the few albtarget adds where a target must be stricter.
 *
 * <p>Each reason knows its tier, the name the ALB logs, and what albtarget does with it in the ALB's default
 * {@code defensive} mode. There the ALB forwards Ambiguous requests and closes the connection afterwards;
 * albtarget does the same, except that it refuses, with 400, the multi-line headers and empty names the ALB turns
 * into one another, and every request that a supported server would frame or split differently from the ALB (or
 * refuses itself, so that all servers answer alike). Its {@link #sentence()} is what a refused request is told: it
 * never quotes the request.
 */
public enum DesyncReason {

    /** Nothing wrong. */
    COMPLIANT("Compliant", DesyncTier.COMPLIANT, Defensive.SERVE, "compliant"),

    /** A field name with a byte that is not a token character, or a value with a control character. */
    NON_COMPLIANT_HEADER("NonCompliantHeader", DesyncTier.ACCEPTABLE, Defensive.REFUSE,
            "header name or value with a character the standard does not allow"),
    /** An unescaped space inside the request target. */
    SPACE_IN_URI("SpaceInUri", DesyncTier.ACCEPTABLE, Defensive.REFUSE, "space in the request target"),
    /** HTTP/0.9, HTTP/1.2 to HTTP/1.9, or whitespace around the version. */
    NON_COMPLIANT_VERSION("NonCompliantVersion", DesyncTier.ACCEPTABLE, Defensive.REFUSE,
            "HTTP version other than HTTP/1.0 or HTTP/1.1"),
    /** GET or HEAD with {@code Content-Length: 0}. */
    GET_HEAD_ZERO_CONTENT_LENGTH("GetHeadZeroContentLength", DesyncTier.ACCEPTABLE, Defensive.SERVE,
            "GET or HEAD with Content-Length: 0"),
    /** A request line or field line ended by a bare LF: a front end that splits only on CRLF reads other lines. */
    NON_CRLF_LINE_TERMINATION("NonCrLfLineTermination", DesyncTier.ACCEPTABLE, Defensive.REFUSE,
            "line ended by a bare LF instead of CRLF"),

    /** A field line with an empty or blank name, or one starting with a colon. */
    EMPTY_HEADER("EmptyHeader", DesyncTier.AMBIGUOUS, Defensive.REFUSE, "header line with an empty name"),
    /** A control character other than CR, LF or NUL (a tab, say) inside the request target. */
    AMBIGUOUS_URI("AmbiguousUri", DesyncTier.AMBIGUOUS, Defensive.REFUSE, "control character in the request target"),
    /** GET or HEAD with a Content-Length above 0, or any Content-Length on HTTP/0.9. */
    UNDEFINED_CONTENT_LENGTH_SEMANTICS("UndefinedContentLengthSemantics", DesyncTier.AMBIGUOUS, Defensive.CLOSE,
            "GET or HEAD with a Content-Length body"),
    /** Transfer-Encoding on GET or HEAD. */
    UNDEFINED_TRANSFER_ENCODING_SEMANTICS("UndefinedTransferEncodingSemantics", DesyncTier.AMBIGUOUS,
            Defensive.CLOSE, "Transfer-Encoding on a GET or HEAD request"),
    /**
     * Transfer-Encoding on HTTP/1.0 or older: the ALB's UndefinedTransferEncodingSemantics too, but refused, as
     * Tomcat refuses it while the other servers read the body as chunked.
     */
    TRANSFER_ENCODING_BEFORE_HTTP_1_1("UndefinedTransferEncodingSemantics", DesyncTier.AMBIGUOUS, Defensive.REFUSE,
            "Transfer-Encoding on an HTTP/1.0 request"),
    /** Several Content-Length fields with the same value. */
    DUPLICATE_CONTENT_LENGTH("DuplicateContentLength", DesyncTier.AMBIGUOUS, Defensive.REFUSE,
            "Content-Length given more than once"),
    /** Both Transfer-Encoding and Content-Length. */
    BOTH_TE_CL_PRESENT("BothTeClPresent", DesyncTier.AMBIGUOUS, Defensive.REFUSE,
            "both Content-Length and Transfer-Encoding"),
    /** A field name that differs from Transfer-Encoding or Content-Length only in case, delimiters or junk. */
    SUSPICIOUS_HEADER("SuspiciousHeader", DesyncTier.AMBIGUOUS, Defensive.REFUSE,
            "header name that resembles Content-Length or Transfer-Encoding"),
    /** An obs-fold continuation line. */
    MULTILINE_HEADER("MultilineHeader", DesyncTier.AMBIGUOUS, Defensive.REFUSE, "obs-fold (multi-line) header line"),
    /** The head ends inside a field line. */
    PARTIAL_HEADER_LINE("PartialHeaderLine", DesyncTier.AMBIGUOUS, Defensive.REFUSE, "header line cut short"),
    /** The head ends without its empty line. */
    MISSING_LAST_EMPTY_LINE("MissingLastEmptyLine", DesyncTier.AMBIGUOUS, Defensive.REFUSE,
            "request head without its final empty line"),
    /** A field line without a colon. */
    MISSING_HEADER_COLON("MissingHeaderColon", DesyncTier.AMBIGUOUS, Defensive.REFUSE,
            "header line without a colon"),
    /** A request line without a target. */
    MISSING_URI("MissingUri", DesyncTier.AMBIGUOUS, Defensive.REFUSE, "request line without a target"),
    /**
     * albtarget's own: a Connection header naming Content-Length or Transfer-Encoding as hop-by-hop, which an
     * intermediary honours by deleting the framing header before the next hop.
     */
    FRAMING_HEADER_IN_CONNECTION("HopByHopFramingHeader", DesyncTier.AMBIGUOUS, Defensive.REFUSE,
            "Connection header naming Content-Length or Transfer-Encoding"),

    /** CR, LF or NUL inside a field name or value. */
    BAD_HEADER("BadHeader", DesyncTier.SEVERE, Defensive.REFUSE, "CR, LF or NUL in a header name or value"),
    /** CR, LF or NUL inside the request target. */
    BAD_URI("BadUri", DesyncTier.SEVERE, Defensive.REFUSE, "CR, LF or NUL in the request target"),
    /** A version that is not of the form HTTP/1.d. */
    BAD_VERSION("BadVersion", DesyncTier.SEVERE, Defensive.REFUSE, "malformed HTTP version"),
    /** A method with a byte that is not a token character. */
    BAD_METHOD("BadMethod", DesyncTier.SEVERE, Defensive.REFUSE, "method with a character that is not a token"),
    /** Several Content-Length fields with different values. */
    MULTIPLE_CONTENT_LENGTH("MultipleContentLength", DesyncTier.SEVERE, Defensive.REFUSE,
            "several Content-Length values that differ"),
    /** A Content-Length that is not a decimal number, or too large. */
    BAD_CONTENT_LENGTH("BadContentLength", DesyncTier.SEVERE, Defensive.REFUSE,
            "Content-Length is not a decimal number of at most 18 digits"),
    /** {@code chunked} named more than once. */
    MULTIPLE_TRANSFER_ENCODING_CHUNKED("MultipleTransferEncodingChunked", DesyncTier.SEVERE, Defensive.REFUSE,
            "Transfer-Encoding names chunked more than once"),
    /** A transfer coding that is empty or not one of chunked, compress, deflate, gzip and identity. */
    BAD_TRANSFER_ENCODING("BadTransferEncoding", DesyncTier.SEVERE, Defensive.REFUSE,
            "Transfer-Encoding with an empty or unknown coding");

    /** What albtarget does with a request of this reason in {@code defensive} mode, the ALB's default. */
    public enum Defensive {
        /** Serves it. */
        SERVE,
        /** Serves it, then closes the connection. */
        CLOSE,
        /** Refuses it with 400 and closes the connection. */
        REFUSE
    }

    private final String albName;
    private final DesyncTier tier;
    private final Defensive defensive;
    private final String sentence;
    private final Verdict refusal;

    DesyncReason(String albName, DesyncTier tier, Defensive defensive, String sentence) {
        this.albName = albName;
        this.tier = tier;
        this.defensive = defensive;
        this.sentence = sentence;
        this.refusal = tier == DesyncTier.COMPLIANT ? Verdict.accept() : Verdict.reject(400, sentence);
    }

    /** The name the ALB writes in its access log, e.g. {@code BothTeClPresent}. */
    public String albName() {
        return albName;
    }

    /** The tier this reason puts a request in. */
    public DesyncTier tier() {
        return tier;
    }

    /** One fixed line of printable ASCII saying what is wrong, never quoting the request. */
    public String sentence() {
        return sentence;
    }

    /** What albtarget does with it in {@code defensive} mode, the ALB's default. */
    public Defensive defensive() {
        return defensive;
    }

    /** The answer to a request refused for this reason: 400 and the sentence. */
    public Verdict refusal() {
        return refusal;
    }
}
