package io.albtarget.check;

import io.albtarget.internal.Durations;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The target a self-check probes: where to connect, whether over TLS, the {@code Host} the ALB would send, and what
 * the server adapter knows about the server (its configured idle timeout, whether albtarget serves the health
 * path).
 *
 * <pre>{@code
 * CheckTarget.local(tomcat.getConnector().getLocalPort())
 *         .serverIdleTimeout("Tomcat connector keepAliveTimeout", Duration.ofMillis(keepAliveTimeout));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CheckTarget {

    private final InetSocketAddress address;
    private final boolean tls;
    private final String hostAddress;
    private final @Nullable String hostHeader;
    private final @Nullable String idleKnob;
    private final @Nullable Duration idleTimeout;
    private final boolean healthServedByAlbtarget;
    private final @Nullable KeyFiles keyFiles;

    private CheckTarget(InetSocketAddress address, boolean tls, String hostAddress, @Nullable String hostHeader,
            @Nullable String idleKnob, @Nullable Duration idleTimeout, boolean healthServedByAlbtarget,
            @Nullable KeyFiles keyFiles) {
        this.address = address;
        this.tls = tls;
        this.hostAddress = hostAddress;
        this.hostHeader = hostHeader;
        this.idleKnob = idleKnob;
        this.idleTimeout = idleTimeout;
        this.healthServedByAlbtarget = healthServedByAlbtarget;
        this.keyFiles = keyFiles;
    }

    /**
     * A server in this JVM listening on {@code port} on every interface: probed over the loopback, with the
     * {@code Host} the ALB would send, this machine's first non-loopback address (IPv4 preferred). albtarget serves
     * its health path.
     *
     * @throws IllegalArgumentException if the port is not from 1 to 65535
     */
    public static CheckTarget local(int port) {
        return new CheckTarget(new InetSocketAddress(InetAddress.getLoopbackAddress(), checkPort(port)), false,
                privateAddress(), null, null, null, true, null);
    }

    /**
     * A target anywhere, probed at its address; the {@code Host} the ALB would send is the address's IP. Nothing
     * is known about the server.
     *
     * @throws IllegalArgumentException if the address is unresolved
     */
    public static CheckTarget remote(InetSocketAddress address) {
        Objects.requireNonNull(address, "'address' must not be null");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("'address' must be resolved, but was " + address);
        }
        return new CheckTarget(address, false, literal(address.getAddress()), null, null, null, false, null);
    }

    /** This target over TLS, as an HTTPS target group reaches it. */
    public CheckTarget tls(boolean useTls) {
        return new CheckTarget(address, useTls, hostAddress, hostHeader, idleKnob, idleTimeout,
                healthServedByAlbtarget, keyFiles);
    }

    /** This target probed with another {@code Host} header than the ALB's own form. */
    public CheckTarget hostHeader(String host) {
        Objects.requireNonNull(host, "'host' must not be null");
        return new CheckTarget(address, tls, hostAddress, host, idleKnob, idleTimeout, healthServedByAlbtarget,
                keyFiles);
    }

    /**
     * This target with the idle timeout its server is configured with, as a server adapter reads it.
     *
     * @param knob the setting as users know it, e.g. {@code Jetty connector idleTimeout}
     * @param timeout its value; zero means the server never closes idle connections
     */
    public CheckTarget serverIdleTimeout(String knob, Duration timeout) {
        Objects.requireNonNull(knob, "'knob' must not be null");
        Objects.requireNonNull(timeout, "'timeout' must not be null");
        return new CheckTarget(address, tls, hostAddress, hostHeader, knob, timeout, healthServedByAlbtarget,
                keyFiles);
    }

    /** This target with albtarget serving its health path (true), or the application (false). */
    public CheckTarget healthServedByAlbtarget(boolean served) {
        return new CheckTarget(address, tls, hostAddress, hostHeader, idleKnob, idleTimeout, served, keyFiles);
    }

    /**
     * This target with the key store its server loads (PKCS#12, JKS, or one PEM file with key and chain), checked
     * as {@code tls.key-files}.
     *
     * @param password the store's password, or null; the array is copied
     */
    public CheckTarget keyStore(Path file, char @Nullable [] password) {
        Objects.requireNonNull(file, "'file' must not be null");
        return new CheckTarget(address, tls, hostAddress, hostHeader, idleKnob, idleTimeout, healthServedByAlbtarget,
                KeyFiles.keyStore(file, password));
    }

    /**
     * This target with the PEM files its server loads, checked as {@code tls.key-files}.
     *
     * @param password the key's password when it is encrypted, or null; the array is copied
     */
    public CheckTarget pemFiles(Path certificates, Path key, char @Nullable [] password) {
        Objects.requireNonNull(certificates, "'certificates' must not be null");
        Objects.requireNonNull(key, "'key' must not be null");
        return new CheckTarget(address, tls, hostAddress, hostHeader, idleKnob, idleTimeout, healthServedByAlbtarget,
                KeyFiles.pem(certificates, key, password));
    }

    /** Where the probe connects for traffic. */
    public InetSocketAddress address() {
        return address;
    }

    public boolean usesTls() {
        return tls;
    }

    /** The IP literal the ALB would put in {@code Host} (IPv6 in brackets). */
    String hostAddress() {
        return hostAddress;
    }

    /** The {@code Host} for requests to {@code port}: the given one, else the ALB's form. */
    String host(int port) {
        return hostHeader != null ? hostHeader : albHost(port);
    }

    /** The ALB health checker's form: the IP, with {@code :port} unless the port is 80 or 443. */
    String albHost(int port) {
        return port == 80 || port == 443 ? hostAddress : hostAddress + ":" + port;
    }

    boolean hostHeaderGiven() {
        return hostHeader != null;
    }

    Optional<String> idleKnob() {
        return Optional.ofNullable(idleKnob);
    }

    Optional<Duration> idleTimeout() {
        return Optional.ofNullable(idleTimeout);
    }

    boolean healthServedByAlbtarget() {
        return healthServedByAlbtarget;
    }

    Optional<KeyFiles> keyFiles() {
        return Optional.ofNullable(keyFiles);
    }

    @Override
    public String toString() {
        String idle = idleTimeout == null ? "" : ", " + idleKnob + " " + Durations.format(idleTimeout);
        return (tls ? "https://" : "http://") + address.getHostString() + ":" + address.getPort() + idle;
    }

    private static int checkPort(int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("'port' must be from 1 to 65535, but was " + port);
        }
        return port;
    }

    static String literal(InetAddress address) {
        String text = address.getHostAddress();
        if (address instanceof Inet6Address) {
            int zone = text.indexOf('%');
            return "[" + (zone < 0 ? text : text.substring(0, zone)) + "]";
        }
        return text;
    }

    /** This machine's address as the ALB would know it: site-local IPv4 first, then any IPv4, then IPv6. */
    private static String privateAddress() {
        try {
            List<InetAddress> candidates = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                    .filter(CheckTarget::usable)
                    .flatMap(nic -> Collections.list(nic.getInetAddresses()).stream())
                    .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress() && !a.isAnyLocalAddress())
                    .sorted(Comparator.comparingInt(CheckTarget::preference))
                    .toList();
            if (!candidates.isEmpty()) {
                return literal(candidates.get(0));
            }
        } catch (SocketException e) {
            // no interface list: the loopback address below still lets the checks run
        }
        return literal(InetAddress.getLoopbackAddress());
    }

    private static boolean usable(NetworkInterface nic) {
        try {
            return nic.isUp() && !nic.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }

    private static int preference(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.isSiteLocalAddress() ? 0 : 1;
        }
        return 2;
    }
}
