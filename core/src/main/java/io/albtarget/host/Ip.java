package io.albtarget.host;

/**
 * Strict text forms of IP addresses, parsed without allocation: IPv4 only as four canonical decimal parts,
 * IPv6 as RFC 4291 text (with {@code ::} and an IPv4 tail) without zone.
 *
 * <p>An address is 128 bits in two longs; IPv4 is held IPv4-mapped ({@code ::ffff:a.b.c.d}), so an IPv4 literal
 * and a server that reports its IPv4 local address in mapped IPv6 form compare equal.
 */
final class Ip {

    /** Returned by the parsers for text that is not an address. */
    static final long INVALID = -1;
    private static final long MAPPED_HIGH = 0;
    private static final long MAPPED_PREFIX = 0xffffL << 32;

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
            while (i < to && i - start < 5 && Character.digit(text.charAt(i), 16) >= 0) {
                value = value << 4 | Character.digit(text.charAt(i), 16);
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
}
