package io.albtarget.compat.contract;

import io.albtarget.AlbSettings;
import io.albtarget.internal.probe.AlbRequest;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;

/**
 * A running application as the contract sees it: where it listens, the target group's settings the ALB applies to it
 * ({@link AlbSettings}: health-check path, matcher, timeout, idle timeout), and, optionally, how to make one of its
 * health dependencies hang and how to shut it down, for the contract items that need them.
 *
 * <p>The address should be an IP address, as the ALB's health checker uses one in its {@code Host} header.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class ContractTarget {

    private final URI uri;
    private final AlbSettings settings;
    private final String applicationPath;
    private final @Nullable Callable<AutoCloseable> hangingDependency;
    private final @Nullable Runnable shutdown;

    private ContractTarget(URI uri, AlbSettings settings, String applicationPath,
            @Nullable Callable<AutoCloseable> hangingDependency, @Nullable Runnable shutdown) {
        this.uri = uri;
        this.settings = settings;
        this.applicationPath = applicationPath;
        this.hangingDependency = hangingDependency;
        this.shutdown = shutdown;
    }

    /**
     * The application at this URI, e.g. {@code http://127.0.0.1:8080}, behind a target group with these settings.
     *
     * @throws IllegalArgumentException unless the URI is {@code http} or {@code https} with a host and a port
     */
    public static ContractTarget of(URI uri, AlbSettings settings) {
        Objects.requireNonNull(uri, "'uri' must not be null");
        Objects.requireNonNull(settings, "'settings' must not be null");
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getPort() < 1) {
            throw new IllegalArgumentException("the target's URI must be http or https with a host and a port, e.g."
                    + " http://127.0.0.1:8080; got " + uri);
        }
        return new ContractTarget(uri, settings, "/", null, null);
    }

    /** The application on 127.0.0.1 and this port, over plain HTTP. */
    public static ContractTarget local(int port, AlbSettings settings) {
        return of(URI.create("http://127.0.0.1:" + port), settings);
    }

    /**
     * A path the application answers with 2xx to a plain GET, for the items that send ordinary requests; default
     * {@code /}.
     *
     * @throws IllegalArgumentException unless it starts with {@code /}
     */
    public ContractTarget withApplicationPath(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("the application path must start with /; got " + path);
        }
        return new ContractTarget(uri, settings, path, hangingDependency, shutdown);
    }

    /**
     * How to make one of the application's health dependencies hang: the callable starts the hang and returns what
     * ends it. Without it, the item "health with a hanging dependency" is skipped.
     */
    public ContractTarget withHangingDependency(Callable<AutoCloseable> hang) {
        return new ContractTarget(uri, settings, applicationPath, Objects.requireNonNull(hang, "'hang'"), shutdown);
    }

    /**
     * How to shut the application down as its platform does on SIGTERM; it may return before the application has
     * stopped. Without it, the drain item is skipped. The drain item runs last, since the application is gone after.
     */
    public ContractTarget withShutdown(Runnable shutdown) {
        return new ContractTarget(uri, settings, applicationPath, hangingDependency,
                Objects.requireNonNull(shutdown, "'shutdown'"));
    }

    /** The application's URI. */
    public URI uri() {
        return uri;
    }

    /** The target group's settings. */
    public AlbSettings settings() {
        return settings;
    }

    /** The path of ordinary requests. */
    public String applicationPath() {
        return applicationPath;
    }

    /** How to make a health dependency hang, if given. */
    public Optional<Callable<AutoCloseable>> hangingDependency() {
        return Optional.ofNullable(hangingDependency);
    }

    /** How to shut the application down, if given. */
    public Optional<Runnable> shutdown() {
        return Optional.ofNullable(shutdown);
    }

    /** Whether the application speaks TLS. */
    public boolean usesTls() {
        return "https".equals(uri.getScheme());
    }

    /** The address the ALB connects to. */
    public InetSocketAddress address() {
        return new InetSocketAddress(uri.getHost(), uri.getPort());
    }

    /**
     * The {@code Host} the health checker sends: the target's IP address, with {@code :port} unless the port is the
     * protocol's default (IPv6 in brackets).
     */
    public String healthCheckHost() {
        return AlbRequest.healthCheckHost(address(), usesTls());
    }

    @Override
    public String toString() {
        return uri + " (" + settings.healthCheckPath() + ", matcher " + settings.matcher() + ")";
    }
}
