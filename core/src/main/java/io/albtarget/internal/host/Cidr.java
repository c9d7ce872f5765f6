package io.albtarget.internal.host;

import io.albtarget.internal.Printable;
import java.util.Locale;

/** An address range such as {@code 10.0.0.0/16} or {@code fd00::/8}, on 128-bit (IPv4-mapped) addresses. */
final class Cidr {

    private final long high;
    private final long low;
    private final long maskHigh;
    private final long maskLow;

    private Cidr(long high, long low, int prefix128) {
        this.maskHigh = prefix128 >= 64 ? -1L : prefix128 == 0 ? 0 : -1L << (64 - prefix128);
        this.maskLow = prefix128 <= 64 ? 0 : prefix128 == 128 ? -1L : -1L << (128 - prefix128);
        this.high = high;
        this.low = low;
    }

    /**
     * Parses a range.
     *
     * @throws IllegalArgumentException naming {@code alb.hosts.allowed-cidrs}, the rule and the entry
     */
    static Cidr parse(String entry) {
        int slash = entry.indexOf('/');
        if (slash < 0) {
            throw invalid(entry, "it has no /prefix length");
        }
        boolean v4 = entry.indexOf(':') < 0;
        int max = v4 ? 32 : 128;
        int prefix = prefix(entry, slash + 1, max);
        long[] address = new long[2];
        if (v4) {
            long ipv4 = Ip.ipv4(entry, 0, slash);
            if (ipv4 == Ip.INVALID) {
                throw invalid(entry, "the address is not canonical dotted IPv4 or IPv6");
            }
            address[0] = Ip.mappedHigh();
            address[1] = Ip.mappedLow(ipv4);
            prefix += 96;
        } else if (!Ip.ipv6(entry, 0, slash, address)) {
            throw invalid(entry, "the address is not canonical dotted IPv4 or IPv6");
        }
        Cidr cidr = new Cidr(address[0], address[1], prefix);
        if ((address[0] & ~cidr.maskHigh) != 0 || (address[1] & ~cidr.maskLow) != 0) {
            throw invalid(entry, "the address has bits set beyond the prefix length");
        }
        return cidr;
    }

    private static int prefix(String entry, int from, int max) {
        int length = entry.length() - from;
        if (length < 1 || length > 3 || !entry.substring(from).chars().allMatch(c -> c >= '0' && c <= '9')
                || length > 1 && entry.charAt(from) == '0') {
            throw invalid(entry, "the prefix length is not a number from 0 to " + max);
        }
        int prefix = Integer.parseInt(entry.substring(from));
        if (prefix > max) {
            throw invalid(entry, "the prefix length is not a number from 0 to " + max);
        }
        return prefix;
    }

    private static IllegalArgumentException invalid(String entry, String why) {
        return new IllegalArgumentException(String.format(Locale.ROOT,
                "alb.hosts.allowed-cidrs must hold ranges such as 10.0.0.0/16 or fd00::/8, but had '%s' (%s)",
                Printable.of(entry), why));
    }

    boolean contains(long addressHigh, long addressLow) {
        return (addressHigh & maskHigh) == high && (addressLow & maskLow) == low;
    }
}
