package io.albtarget.internal.host;

/**
 * Strict text forms of IP addresses: IPv4 only as four canonical decimal parts, parsed without allocation; IPv6
 * as RFC 4291 text (with {@code ::} and an IPv4 tail) without zone, and the RFC 5952 canonical form of an IPv6
 * address.
 *
 * <p>An address is 128 bits in two longs; IPv4 is held IPv4-mapped ({@code ::ffff:a.b.c.d}), so an IPv4 literal
 * and a server that reports its IPv4 local address in mapped IPv6 form compare equal.
 */
final class Ip {

    /** Returned by the parsers for text that is not an address. */
    static final long INVALID = -1;
    private static final long MAPPED_HIGH = 0;
    private static final long MAPPED_PREFIX = 0xffffL << 32;
    private static final String HEX = "0123456789abcdef";

    private Ip() {
    }

    /**
     * Parses canonical dotted-quad IPv4 in {@code text[from, to)}: four parts of 1 to 3 digits, no leading zero,
     * each at most 255.
     *
     * @return the address as an unsigned 32-bit value, or {@link #INVALID}
     */
    static long ipv4(CharSequence text, int from, int to) {
        long address = 0;
        int parts = 0;
        int i = from;
        while (parts < 4) {
            int start = i;
            int part = 0;
            while (i < to && i - start < 4 && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                part = part * 10 + (text.charAt(i) - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || digits > 3 || part > 255 || digits > 1 && text.charAt(start) == '0') {
                return INVALID;
            }
            address = address << 8 | part;
            parts++;
            if (parts < 4) {
                if (i >= to || text.charAt(i) != '.') {
                    return INVALID;
                }
                i++;
            }
        }
        return i == to ? address : INVALID;
    }

    /** The high 64 bits of IPv4 held as IPv4-mapped IPv6. */
    static long mappedHigh() {
        return MAPPED_HIGH;
    }

    /** The low 64 bits of IPv4 held as IPv4-mapped IPv6. */
    static long mappedLow(long ipv4) {
        return MAPPED_PREFIX | ipv4;
    }

    /**
     * Parses IPv6 text in {@code text[from, to)} into 128 bits.
     *
     * @param into receives the high and low 64 bits at index 0 and 1
     * @return false if the text is not an IPv6 address (a zone id included)
     */
    static boolean ipv6(CharSequence text, int from, int to, long[] into) {
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int i = from;
        if (to - from >= 2 && text.charAt(i) == ':' && text.charAt(i + 1) == ':') {
            gap = 0;
            i += 2;
        } else if (i < to && text.charAt(i) == ':') {
            return false;
        }
        while (i < to) {
            if (count == 8) {
                return false;
            }
            int start = i;
            int value = 0;
            while (i < to && i - start < 5 && hexDigit(text.charAt(i)) >= 0) {
                value = value << 4 | hexDigit(text.charAt(i));
                i++;
            }
            if (i < to && text.charAt(i) == '.') {
                long ipv4 = ipv4(text, start, to);
                if (ipv4 == INVALID || count > 6) {
                    return false;
                }
                groups[count++] = (int) (ipv4 >>> 16);
                groups[count++] = (int) (ipv4 & 0xffff);
                i = to;
                break;
            }
            if (i == start || i - start > 4) {
                return false;
            }
            groups[count++] = value;
            if (i == to) {
                break;
            }
            if (text.charAt(i) != ':') {
                return false;
            }
            i++;
            if (i < to && text.charAt(i) == ':') {
                if (gap >= 0) {
                    return false;
                }
                gap = count;
                i++;
            } else if (i == to) {
                return false;
            }
        }
        if (gap < 0 ? count != 8 : count > 7) {
            return false;
        }
        long high = 0;
        long low = 0;
        int zeros = 8 - count;
        for (int g = 0, k = 0; g < 8; g++) {
            int value;
            if (gap >= 0 && g >= gap && g < gap + zeros) {
                value = 0;
            } else {
                value = groups[k++];
            }
            if (g < 4) {
                high = high << 16 | value;
            } else {
                low = low << 16 | value;
            }
        }
        into[0] = high;
        into[1] = low;
        return true;
    }

    /** An ASCII hex digit's value, or -1 ({@link Character#digit} would take other scripts' digits too). */
    static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        char lower = (char) (c | 0x20);
        return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
    }

    /**
     * Whether an IPv6 address is an IPv4 address in IPv6 form: IPv4-mapped ({@code ::ffff:a.b.c.d}) or
     * IPv4-compatible ({@code ::a.b.c.d}, every address of {@code ::/96} but {@code ::} and {@code ::1}).
     */
    static boolean isIpv4InIpv6(long high, long low) {
        return high == 0 && ((low >>> 32) == 0xffff || (low >>> 32) == 0 && (low & 0xffffffffL) > 1);
    }

    /**
     * Whether {@code text[from, to)} is the RFC 5952 text of an IPv6 address: lower-case hex groups without
     * leading zeros, {@code ::} in place of the longest run of two or more zero groups (the first of equal runs)
     * and nowhere else, no dotted IPv4 tail. Allocates nothing.
     */
    static boolean isCanonicalIpv6(CharSequence text, int from, int to, long high, long low) {
        int runStart = -1;
        int runLength = 1;
        for (int g = 0, start = -1; g <= 8; g++) {
            if (g < 8 && group(high, low, g) == 0) {
                start = start < 0 ? g : start;
            } else if (start >= 0) {
                if (g - start > runLength) {
                    runStart = start;
                    runLength = g - start;
                }
                start = -1;
            }
        }
        int afterRun = runStart < 0 ? -1 : runStart + runLength;
        int i = from;
        int g = 0;
        while (g < 8) {
            if (g == runStart) {
                if (to - i < 2 || text.charAt(i) != ':' || text.charAt(i + 1) != ':') {
                    return false;
                }
                i += 2;
                g = afterRun;
                continue;
            }
            if (g > 0 && g != afterRun) {
                if (i >= to || text.charAt(i) != ':') {
                    return false;
                }
                i++;
            }
            int value = group(high, low, g++);
            for (int shift = value == 0 ? 0 : (31 - Integer.numberOfLeadingZeros(value)) / 4 * 4; shift >= 0;
                    shift -= 4) {
                if (i >= to || text.charAt(i) != HEX.charAt((value >>> shift) & 0xf)) {
                    return false;
                }
                i++;
            }
        }
        return i == to;
    }

    /** The 16-bit group {@code g} (0 to 7, most significant first) of an address. */
    private static int group(long high, long low, int g) {
        return (int) ((g < 4 ? high : low) >>> (48 - 16 * (g & 3))) & 0xffff;
    }
}
