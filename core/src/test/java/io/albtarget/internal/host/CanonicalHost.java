package io.albtarget.internal.host;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Host forms {@link HostPolicy} may accept, stated independently of it: by regular expressions, and for IPv6 by
 * the JDK's parser and a rendering of RFC 5952 by text substitution.
 */
final class CanonicalHost {

    private static final Pattern PORT_SUFFIX = Pattern.compile("(:[1-9][0-9]{0,4})?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,63}(\\.[A-Za-z0-9_-]{1,63})*\\.?");
    private static final Pattern ENDS_IN_A_NUMBER = Pattern.compile("(.*\\.)?([0-9]+|0[xX][0-9A-Fa-f]*)\\.?");
    private static final Pattern DOTTED = Pattern.compile("([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");
    /** A run of two or more zero groups in the full form, with the colons around it. */
    private static final Pattern ZERO_RUN = Pattern.compile("(^|:)0(:0)+(:|$)");

    private CanonicalHost() {
    }

    /** The host without its port, or null when what follows the host is not a port from 1 to 65535. */
    static String withoutPort(String host) {
        int portAt = host.startsWith("[") ? host.indexOf(']') + 1 : host.indexOf(':');
        if (portAt < 0 || portAt == host.length()) {
            return host;
        }
        String suffix = host.substring(portAt);
        if (!PORT_SUFFIX.matcher(suffix).matches() || Integer.parseInt(suffix.substring(1)) > 65535) {
            return null;
        }
        return host.substring(0, portAt);
    }

    /**
     * Whether a Host value is one of the accepted forms, each in its one spelling: a name that does not end in a
     * number, canonical dotted IPv4, or an RFC 5952 IPv6 literal in brackets; with a port from 1 to 65535 or none.
     */
    static boolean isCanonical(String host) {
        String bare = withoutPort(host);
        if (bare == null) {
            return false;
        }
        if (bare.startsWith("[")) {
            return isCanonicalIpv6(bare);
        }
        return endsInANumber(bare) ? isCanonicalIpv4(bare) : isName(bare);
    }

    /** Whether a host (no port) is a name: the name grammar, and not ending in a number as WHATWG defines it. */
    static boolean isName(String host) {
        return NAME.matcher(host).matches() && host.length() <= (host.endsWith(".") ? 254 : 253)
                && !endsInANumber(host);
    }

    static boolean endsInANumber(String host) {
        return ENDS_IN_A_NUMBER.matcher(host).matches();
    }

    /** Whether a host (no port) is canonical dotted IPv4: four parts that print back as themselves. */
    static boolean isCanonicalIpv4(String host) {
        Matcher parts = DOTTED.matcher(host);
        if (!parts.matches()) {
            return false;
        }
        StringBuilder rendered = new StringBuilder();
        for (int i = 1; i <= 4; i++) {
            int part = Integer.parseInt(parts.group(i));
            if (part > 255) {
                return false;
            }
            rendered.append(i > 1 ? "." : "").append(part);
        }
        return rendered.toString().equals(host);
    }

    /**
     * Whether a bracketed host (no port) is an IPv6 address that is no IPv4 address in disguise, in the text RFC
     * 5952 gives it.
     */
    static boolean isCanonicalIpv6(String host) {
        if (!host.startsWith("[") || !host.endsWith("]")) {
            return false;
        }
        String inner = host.substring(1, host.length() - 1);
        if (!IPV6_CHARS.matcher(inner).matches()) {
            return false;
        }
        byte[] bytes;
        try {
            // a bracketed literal is parsed, never looked up
            InetAddress address = InetAddress.getByName(host);
            if (!(address instanceof Inet6Address)) {
                return false;
            }
            bytes = address.getAddress();
        } catch (UnknownHostException e) {
            return false;
        }
        return !isIpv4InDisguise(bytes) && rfc5952(bytes).equals(inner);
    }

    /** Whether an address is IPv4-mapped, or IPv4-compatible: in ::/96 but neither :: nor ::1. */
    static boolean isIpv4InDisguise(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        int next = (bytes[10] & 0xff) << 8 | bytes[11] & 0xff;
        int last = 0;
        for (int i = 12; i < 16; i++) {
            last = last << 8 | bytes[i] & 0xff;
        }
        return next == 0xffff || next == 0 && Integer.compareUnsigned(last, 1) > 0;
    }

    /** RFC 5952 text: groups without leading zeros, the longest run of two or more zero groups (the first) as ::. */
    static String rfc5952(byte[] bytes) {
        StringBuilder full = new StringBuilder();
        for (int i = 0; i < 16; i += 2) {
            full.append(i > 0 ? ":" : "").append(Integer.toHexString((bytes[i] & 0xff) << 8 | bytes[i + 1] & 0xff));
        }
        String text = full.toString();
        Matcher run = ZERO_RUN.matcher(text);
        int start = -1;
        int end = -1;
        int longest = 0;
        int from = 0;
        while (from < text.length() && run.find(from)) {
            int zeros = run.group().replace(":", "").length();
            if (zeros > longest) {
                longest = zeros;
                start = run.start();
                end = run.end();
            }
            // a run's closing colon opens no other run: a non-zero group stands between two runs
            from = run.end();
        }
        return start < 0 ? text : text.substring(0, start) + "::" + text.substring(end);
    }

    /** The 16 bytes of an address given as eight 16-bit groups. */
    static byte[] bytes(int... groups) {
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[2 * i] = (byte) (groups[i] >>> 8);
            bytes[2 * i + 1] = (byte) groups[i];
        }
        return bytes;
    }

    /** Every group as four hex digits, upper or lower case. */
    static String fullForm(byte[] bytes, boolean upperCase) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 16; i += 2) {
            text.append(i > 0 ? ":" : "").append(String.format(Locale.ROOT, upperCase ? "%04X" : "%04x",
                    (bytes[i] & 0xff) << 8 | bytes[i + 1] & 0xff));
        }
        return text.toString();
    }
}
