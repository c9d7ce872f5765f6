package io.albtarget.internal.host;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Arrays;
import java.util.Collections;
import java.util.concurrent.TimeUnit;

/**
 * The addresses of this machine's interfaces, as 128-bit pairs. Enumerating interfaces takes milliseconds, so a
 * snapshot is kept and taken again only when an address misses it and the snapshot is older than 30 seconds.
 */
final class LocalAddresses {

    private static final long REFRESH_NANOS = TimeUnit.SECONDS.toNanos(30);

    private volatile long[] pairs;
    private volatile long takenNanos;

    LocalAddresses() {
        pairs = snapshot();
        takenNanos = System.nanoTime();
    }

    boolean contains(long high, long low) {
        if (contains(pairs, high, low)) {
            return true;
        }
        if (System.nanoTime() - takenNanos < REFRESH_NANOS) {
            return false;
        }
        synchronized (this) {
            if (System.nanoTime() - takenNanos >= REFRESH_NANOS) {
                pairs = snapshot();
                takenNanos = System.nanoTime();
            }
        }
        return contains(pairs, high, low);
    }

    private static boolean contains(long[] pairs, long high, long low) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i] == high && pairs[i + 1] == low) {
                return true;
            }
        }
        return false;
    }

    private static long[] snapshot() {
        long[] found = new long[16];
        int count = 0;
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (count + 2 > found.length) {
                        found = Arrays.copyOf(found, found.length * 2);
                    }
                    long[] pair = pair(address);
                    found[count++] = pair[0];
                    found[count++] = pair[1];
                }
            }
        } catch (SocketException e) {
            // no interface list: only the connection's own local address will match
        }
        return Arrays.copyOf(found, count);
    }

    static long[] pair(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            long ipv4 = 0;
            for (byte b : bytes) {
                ipv4 = ipv4 << 8 | (b & 0xff);
            }
            return new long[] {Ip.mappedHigh(), Ip.mappedLow(ipv4)};
        }
        assert address instanceof Inet6Address;
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = high << 8 | (bytes[i] & 0xff);
            low = low << 8 | (bytes[i + 8] & 0xff);
        }
        return new long[] {high, low};
    }
}
