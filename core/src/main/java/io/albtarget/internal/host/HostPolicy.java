package io.albtarget.internal.host;

import io.albtarget.RequestView;
import io.albtarget.Verdict;
import io.albtarget.internal.Printable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Judges the Host header of a request that reached a target behind an ALB.
 *
 * <p>Accepted:
 * <ol>
 *   <li>a name in the allowed list, case-insensitive, with any port (a trailing dot ignored; an entry
 *       {@code *.example.com} takes every name below {@code example.com}), or any well-formed name when the list
 *       is empty;</li>
 *   <li>an IP literal equal to the address the connection arrived on or to an address of this machine's
 *       interfaces, with no port or the port the connection arrived on: the ALB health checker's
 *       {@code Host: 10.0.3.17} and {@code Host: 10.0.3.17:8080} (IPv6 in brackets);</li>
 *   <li>an IP literal inside an allowed CIDR, with any port (port-mapped deployments such as ECS bridge mode).</li>
 * </ol>
 * Everything else is refused with 400 and a fixed reason that never quotes the header. An HTTP/1.1 request needs
 * exactly one Host header.
 *
 * <p>Each address has one accepted spelling:
 * <ul>
 *   <li>A host that ends in a number in the sense of the WHATWG URL standard (its last label, after dropping one
 *       trailing dot, is all digits, or {@code 0x} or {@code 0X} followed by hex digits) is an address, never a
 *       name, and must be canonical dotted IPv4: four decimal parts without leading zeros and no trailing dot.
 *       {@code 10.1}, {@code 2130706433}, {@code 0x7f000001}, {@code 127.0.0.0x1}, {@code 010.0.0.1} and
 *       {@code foo.123} are refused, as are such names in the allowed list.</li>
 *   <li>An IPv6 literal must be in RFC 5952 form: lower-case hex, no leading zeros in a group, {@code ::} for
 *       the longest run of two or more zero groups (the first of equal runs) and never for one group, no dotted
 *       tail. An IPv4-mapped or IPv4-compatible address is refused in any spelling: its dotted IPv4 form is the
 *       one accepted. Upper-case hex is refused rather than folded: the ALB lower-cases the Host header before
 *       it reaches a target, so only a client that bypasses the ALB sends it.</li>
 * </ul>
 *
 * <p>Judging a name or an IPv4 literal allocates nothing, and so does {@link #judgeTarget}. Instances are
 * thread-safe.
 */
public final class HostPolicy {

    static final Verdict MISSING = Verdict.reject(400, "Host header is missing");
    static final Verdict SEVERAL = Verdict.reject(400, "more than one Host header");
    static final Verdict MALFORMED = Verdict.reject(400, "Host header is not a valid host");
    static final Verdict USERINFO = Verdict.reject(400, "Host header must not carry userinfo");
    static final Verdict BAD_PORT = Verdict.reject(400, "Host port is not a number from 1 to 65535");
    static final Verdict NON_CANONICAL_IPV4 =
            Verdict.reject(400, "Host address is not canonical dotted IPv4");
    static final Verdict NON_CANONICAL_IPV6 =
            Verdict.reject(400, "Host IPv6 address is not in canonical (RFC 5952) form");
    static final Verdict IPV4_IN_IPV6 =
            Verdict.reject(400, "Host IPv6 address is an IPv4-mapped or IPv4-compatible address; use dotted IPv4");
    static final Verdict ZONE_ID = Verdict.reject(400, "Host IPv6 address must not carry a zone id");
    static final Verdict NOT_LOCAL = Verdict.reject(400, "Host is not an address of this target");
    static final Verdict OTHER_PORT =
            Verdict.reject(400, "Host port is not the port this connection arrived on");
    static final Verdict NOT_SERVED = Verdict.reject(400, "Host is not a name this application serves");
    static final Verdict TARGET_USERINFO = Verdict.reject(400, "request target must not carry userinfo");

    private static final int MAX_NAME = 253;
    private static final int MAX_LABEL = 63;
    private static final int MAX_PORT = 65535;

    private final String[] names;
    private final boolean[] wildcard;
    private final Cidr[] cidrs;
    private final LocalAddresses interfaces;
    private volatile ServerAddress lastLocal = new ServerAddress("", 0, 0, false);

    private HostPolicy(String[] names, boolean[] wildcard, Cidr[] cidrs) {
        this.names = names;
        this.wildcard = wildcard;
        this.cidrs = cidrs;
        this.interfaces = new LocalAddresses();
    }

    /**
     * A policy for the names an application serves and the extra address ranges it accepts.
     *
     * @param allowedNames host names such as {@code api.example.com} or {@code *.example.com}; empty accepts any
     *     well-formed name
     * @param allowedCidrs ranges such as {@code 10.0.0.0/16} or {@code fd00::/8}
     * @throws IllegalArgumentException naming {@code alb.hosts.allowed} or {@code alb.hosts.allowed-cidrs}, the
     *     rule and the entry
     */
    public static HostPolicy of(List<String> allowedNames, List<String> allowedCidrs) {
        String[] names = new String[allowedNames.size()];
        boolean[] wildcard = new boolean[names.length];
        for (int i = 0; i < names.length; i++) {
            String entry = allowedNames.get(i).strip().toLowerCase(Locale.ROOT);
            wildcard[i] = entry.startsWith("*.");
            String bare = wildcard[i] ? entry.substring(2) : entry;
            if (bare.endsWith(".")) {
                bare = bare.substring(0, bare.length() - 1);
            }
            if (!isName(bare, 0, bare.length()) || endsInANumber(bare, bare.length())) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "alb.hosts.allowed must hold host names such as api.example.com or *.example.com (IP"
                                + " addresses go in alb.hosts.allowed-cidrs), but had '%s'",
                        Printable.of(allowedNames.get(i))));
            }
            names[i] = wildcard[i] ? "." + bare : bare;
        }
        List<Cidr> cidrs = new ArrayList<>();
        for (String entry : allowedCidrs) {
            cidrs.add(Cidr.parse(entry.strip()));
        }
        return new HostPolicy(names, wildcard, cidrs.toArray(new Cidr[0]));
    }

    /** Judges the Host header lines of a request. */
    public Verdict judge(RequestView request) {
        int lines = 0;
        @Nullable String host = null;
        for (int i = 0, n = request.headerCount(); i < n; i++) {
            if (request.headerName(i).equalsIgnoreCase("host")) {
                lines++;
                host = request.headerValue(i);
            }
        }
        return judge(lines, host, request);
    }

    /**
     * Judges a request's Host header lines when the caller has already found them among the request's lines.
     *
     * @param lines how many Host lines the request has
     * @param host the value of its Host line, or null when it has none
     * @param request the request, for its protocol and the connection's local address and port
     */
    public Verdict judge(int lines, @Nullable String host, RequestView request) {
        if (lines > 1) {
            return SEVERAL;
        }
        if (host == null) {
            String protocol = request.protocol();
            return protocol.equals("HTTP/1.0") || protocol.equals("HTTP/0.9") ? Verdict.accept() : MISSING;
        }
        return judge(host, request);
    }

    /**
     * Judges a request target as the request line carries it. An absolute-form ({@code http://host/path}) or
     * authority-form ({@code host:443}) target must not carry userinfo ({@code http://user@host/},
     * {@code http://user:pw@host/}): RFC 9110 §4.2.4 has a recipient treat it as an error, and a part that looks
     * like a host but is not one misleads whoever reads the target. Origin-form ({@code /path?q}) and
     * asterisk-form ({@code *}) are accepted; an {@code @} in a path or query is not userinfo.
     *
     * @param target the request target, e.g. {@code /health} or {@code http://10.0.3.17/health}
     */
    public static Verdict judgeTarget(String target) {
        if (target.isEmpty() || target.charAt(0) == '/' || target.equals("*")) {
            return Verdict.accept();
        }
        for (int i = authorityStart(target), n = target.length(); i < n; i++) {
            char c = target.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                break;
            }
            if (c == '@') {
                return TARGET_USERINFO;
            }
        }
        return Verdict.accept();
    }

    /** Where the authority starts: after {@code scheme://}, or at 0 for authority-form. */
    private static int authorityStart(String target) {
        int i = 0;
        int n = target.length();
        while (i < n && isSchemeChar(target.charAt(i), i == 0)) {
            i++;
        }
        return i > 0 && target.startsWith("://", i) ? i + 3 : 0;
    }

    /** RFC 3986 scheme: a letter, then letters, digits, '+', '-' and '.'. */
    private static boolean isSchemeChar(char c, boolean first) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
                || !first && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.');
    }

    private Verdict judge(String host, RequestView request) {
        int n = host.length();
        if (n == 0) {
            return MALFORMED;
        }
        if (host.indexOf('@') >= 0) {
            return USERINFO;
        }
        if (host.charAt(0) == '[') {
            return judgeIpv6(host, request);
        }
        int colon = host.indexOf(':');
        if (colon >= 0 && host.indexOf(':', colon + 1) >= 0) {
            return MALFORMED;
        }
        int end = colon < 0 ? n : colon;
        int port = colon < 0 ? -1 : port(host, colon + 1);
        if (port == 0) {
            return BAD_PORT;
        }
        for (int i = 0; i < end; i++) {
            char c = host.charAt(i);
            if (!isNameChar(c)) {
                return MALFORMED;
            }
        }
        int nameEnd = end > 0 && host.charAt(end - 1) == '.' ? end - 1 : end;
        if (endsInANumber(host, nameEnd)) {
            long ipv4 = Ip.ipv4(host, 0, end);
            return ipv4 == Ip.INVALID ? NON_CANONICAL_IPV4
                    : judgeAddress(Ip.mappedHigh(), Ip.mappedLow(ipv4), port, request);
        }
        if (!isName(host, 0, nameEnd)) {
            return MALFORMED;
        }
        return isServed(host, nameEnd) ? Verdict.accept() : NOT_SERVED;
    }

    private Verdict judgeIpv6(String host, RequestView request) {
        int close = host.indexOf(']');
        if (close < 0) {
            return MALFORMED;
        }
        int percent = host.indexOf('%');
        if (percent >= 0 && percent < close) {
            return ZONE_ID;
        }
        int port = -1;
        if (close + 1 < host.length()) {
            if (host.charAt(close + 1) != ':') {
                return MALFORMED;
            }
            port = port(host, close + 2);
            if (port == 0) {
                return BAD_PORT;
            }
        }
        long[] address = new long[2];
        if (!Ip.ipv6(host, 1, close, address)) {
            return MALFORMED;
        }
        if (Ip.isIpv4InIpv6(address[0], address[1])) {
            return IPV4_IN_IPV6;
        }
        if (!Ip.isCanonicalIpv6(host, 1, close, address[0], address[1])) {
            return NON_CANONICAL_IPV6;
        }
        return judgeAddress(address[0], address[1], port, request);
    }

    private Verdict judgeAddress(long high, long low, int port, RequestView request) {
        // a range takes any port, so it is asked first: an own address on another port may still be in one
        for (Cidr cidr : cidrs) {
            if (cidr.contains(high, low)) {
                return Verdict.accept();
            }
        }
        ServerAddress local = localAddress(request.localAddress());
        if (local.valid && local.high == high && local.low == low || interfaces.contains(high, low)) {
            return port < 0 || port == request.localPort() ? Verdict.accept() : OTHER_PORT;
        }
        return NOT_LOCAL;
    }

    /** The server's local address, parsed once per distinct text the server reports. */
    private ServerAddress localAddress(@Nullable String text) {
        ServerAddress cached = lastLocal;
        if (text == null || text.equals(cached.text)) {
            return cached;
        }
        int zone = text.indexOf('%');
        int end = zone < 0 ? text.length() : zone;
        int from = text.startsWith("[") ? 1 : 0;
        if (end > from && text.charAt(end - 1) == ']') {
            end--;
        }
        ServerAddress parsed;
        if (text.indexOf(':') >= 0) {
            long[] address = new long[2];
            boolean valid = Ip.ipv6(text, from, end, address);
            parsed = new ServerAddress(text, address[0], address[1], valid);
        } else {
            long ipv4 = Ip.ipv4(text, from, end);
            parsed = new ServerAddress(text, Ip.mappedHigh(), Ip.mappedLow(ipv4), ipv4 != Ip.INVALID);
        }
        lastLocal = parsed;
        return parsed;
    }

    private boolean isServed(String host, int end) {
        if (names.length == 0) {
            return true;
        }
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            if (wildcard[i]
                    ? end > name.length() && host.regionMatches(true, end - name.length(), name, 0, name.length())
                    : end == name.length() && host.regionMatches(true, 0, name, 0, end)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A port: 1 to 5 digits without leading zero, 1 to 65535.
     *
     * @return the port, or 0 when the text is not one
     */
    private static int port(String host, int from) {
        int n = host.length();
        if (from >= n || n - from > 5 || host.charAt(from) == '0') {
            return 0;
        }
        int port = 0;
        for (int i = from; i < n; i++) {
            char c = host.charAt(i);
            if (c < '0' || c > '9') {
                return 0;
            }
            port = port * 10 + (c - '0');
        }
        return port <= MAX_PORT ? port : 0;
    }

    /**
     * The WHATWG URL standard's "ends in a number": the last label of {@code host[0, end)} (one trailing dot
     * already dropped) is all ASCII digits, or {@code 0x} or {@code 0X} followed by zero or more hex digits.
     */
    private static boolean endsInANumber(String host, int end) {
        int start = host.lastIndexOf('.', end - 1) + 1;
        if (start >= end) {
            return false;
        }
        int digits = start;
        if (end - start >= 2 && host.charAt(start) == '0' && (host.charAt(start + 1) | 0x20) == 'x') {
            digits += 2;
            while (digits < end && Ip.hexDigit(host.charAt(digits)) >= 0) {
                digits++;
            }
            return digits == end;
        }
        while (digits < end && host.charAt(digits) >= '0' && host.charAt(digits) <= '9') {
            digits++;
        }
        return digits == end;
    }

    /** DNS-style labels of letters, digits, '-' and '_', each 1 to 63 long, 253 in all. */
    private static boolean isName(String text, int from, int to) {
        if (to - from < 1 || to - from > MAX_NAME) {
            return false;
        }
        int label = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '.') {
                if (label == 0) {
                    return false;
                }
                label = 0;
            } else if (isNameChar(c) && ++label <= MAX_LABEL) {
                continue;
            } else {
                return false;
            }
        }
        return label > 0;
    }

    private static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                || c == '_';
    }

    /** A local address text as a server reported it, and its 128-bit form. */
    private static final class ServerAddress {
        final String text;
        final long high;
        final long low;
        final boolean valid;

        ServerAddress(String text, long high, long low, boolean valid) {
            this.text = text;
            this.high = high;
            this.low = low;
            this.valid = valid;
        }
    }
}
