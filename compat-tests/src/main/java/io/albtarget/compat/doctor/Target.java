package io.albtarget.compat.doctor;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/** The target of a doctor run, from its URL: scheme, host, port and the health-check path if the URL has one. */
final class Target {

    private final boolean tls;
    private final String host;
    private final int port;
    private final Optional<String> path;

    private Target(boolean tls, String host, int port, Optional<String> path) {
        this.tls = tls;
        this.host = host;
        this.port = port;
        this.path = path;
    }

    /**
     * @throws IllegalArgumentException if the URL is not {@code http://HOST[:PORT][/path]} or {@code https://…}
     */
    static Target of(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new IllegalArgumentException("URL must be http://HOST:PORT or https://HOST:PORT, but was '"
                    + url + "'");
        }
        if (url.getRawUserInfo() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("URL must have no user info and no fragment, but was '" + url + "'");
        }
        boolean tls = scheme.equals("https");
        int port = url.getPort() < 0 ? (tls ? 443 : 80) : url.getPort();
        String rawPath = url.getRawPath() == null ? "" : url.getRawPath();
        String query = url.getRawQuery() == null ? "" : "?" + url.getRawQuery();
        Optional<String> path = rawPath.isEmpty() ? Optional.empty() : Optional.of(rawPath + query);
        return new Target(tls, url.getHost(), port, path);
    }

    boolean tls() {
        return tls;
    }

    /** The host as written, IPv6 literals in brackets. */
    String host() {
        return host;
    }

    int port() {
        return port;
    }

    Optional<String> path() {
        return path;
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
