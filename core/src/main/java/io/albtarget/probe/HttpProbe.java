package io.albtarget.probe;

import io.albtarget.internal.Durations;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Opens a new connection per request to one target, as the ALB does for health checks, and reads the response the
 * way the ALB judges it: status line, headers, and the body its framing announces, all within a deadline.
 *
 * <pre>{@code
 * HttpProbe probe = HttpProbe.to(new InetSocketAddress("127.0.0.1", 8080));
 * Exchange answer = probe.exchange(AlbRequest.healthCheck("/health", "10.0.3.17:8080"), Duration.ofSeconds(5));
 * }</pre>
 *
 * <p>Over TLS the probe trusts any certificate and sends no server name, like the ALB. Instances are immutable and
 * thread-safe; every call uses its own connection.
 */
public final class HttpProbe {

    /** The ALB's connect timeout to a target. */
    public static final Duration ALB_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * How long to watch for bytes after a framed response; a server that honours {@code Connection: close} closes
     * well within it.
     */
    private static final Duration EXCESS_WAIT = Duration.ofMillis(100);

    private final InetSocketAddress address;
    private final boolean tls;
    private final Duration connectTimeout;

    private HttpProbe(InetSocketAddress address, boolean tls, Duration connectTimeout) {
        this.address = address;
        this.tls = tls;
        this.connectTimeout = connectTimeout;
    }

    /** A probe of a plain HTTP target, with the ALB's connect timeout of 10 s. */
    public static HttpProbe to(InetSocketAddress address) {
        Objects.requireNonNull(address, "'address' must not be null");
        return new HttpProbe(address, false, ALB_CONNECT_TIMEOUT);
    }

    /** The same target over TLS (or plain HTTP with {@code false}). */
    public HttpProbe tls(boolean useTls) {
        return new HttpProbe(address, useTls, connectTimeout);
    }

    /**
     * The same target with another connect timeout.
     *
     * @throws IllegalArgumentException if the timeout is not positive
     */
    public HttpProbe connectTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("'connectTimeout' must be positive, but was " + timeout);
        }
        return new HttpProbe(address, tls, timeout);
    }

    /** The target's address. */
    public InetSocketAddress address() {
        return address;
    }

    /** Whether the probe speaks TLS. */
    public boolean usesTls() {
        return tls;
    }

    /**
     * Sends the request on a new connection and reads the whole response, closing the connection afterwards.
     *
     * @param timeout how long the whole exchange may take, connect included
     */
    public Exchange exchange(AlbRequest request, Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Socket socket;
        try {
            socket = open(deadline);
        } catch (IOException e) {
            return Exchange.failed(Exchange.Outcome.CONNECT_FAILED, describe(e), since(start));
        }
        try (socket) {
            ResponseReader reader = send(socket, request, start, deadline, timeout);
            Exchange exchange = reader.read();
            // a body that ends with the connection has nothing after it
            boolean framed = exchange.contentLength().isPresent() || exchange.header("Transfer-Encoding").isPresent();
            return exchange.outcome() == Exchange.Outcome.COMPLETE && framed
                    ? exchange.withExcessBytes(reader.excess(EXCESS_WAIT)) : exchange;
        } catch (IOException e) {
            return Exchange.failed(Exchange.Outcome.CLOSED_EARLY, describe(e), since(start));
        }
    }

    /**
     * Sends the request on a new connection, reads the response, and then watches the idle connection until the
     * server closes it or {@code limit} has passed. This is the connection the ALB keeps for its next request.
     *
     * @param timeout how long the request's exchange may take
     * @param limit how long to watch the idle connection at most
     */
    public IdleClose idleClose(AlbRequest request, Duration timeout, Duration limit) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Socket socket;
        try {
            socket = open(deadline);
        } catch (IOException e) {
            return new IdleClose(Exchange.failed(Exchange.Outcome.CONNECT_FAILED, describe(e), since(start)), limit,
                    Optional.empty());
        }
        try (socket) {
            Exchange exchange = send(socket, request, start, deadline, timeout).read();
            if (exchange.outcome() != Exchange.Outcome.COMPLETE) {
                return new IdleClose(exchange, limit, Optional.empty());
            }
            return new IdleClose(exchange, limit, watch(socket, limit));
        } catch (IOException e) {
            return new IdleClose(Exchange.failed(Exchange.Outcome.CLOSED_EARLY, describe(e), since(start)), limit,
                    Optional.empty());
        }
    }

    private static ResponseReader send(Socket socket, AlbRequest request, long start, long deadline,
            Duration timeout) throws IOException {
        socket.getOutputStream().write(request.bytes());
        socket.getOutputStream().flush();
        return new ResponseReader(socket, start, deadline, Durations.format(timeout));
    }

    private static Optional<Duration> watch(Socket socket, Duration limit) throws IOException {
        long idleStart = System.nanoTime();
        long end = idleStart + limit.toNanos();
        InputStream in = socket.getInputStream();
        byte[] ignored = new byte[512];
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
            try {
                if (in.read(ignored) < 0) {
                    return Optional.of(since(idleStart));
                }
            } catch (SocketTimeoutException e) {
                return Optional.empty();
            } catch (IOException e) {
                // a reset is a close too
                return Optional.of(since(idleStart));
            }
        }
    }

    private Socket open(long deadline) throws IOException {
        if (address.isUnresolved()) {
            throw new UnknownHostException(address.getHostString());
        }
        long left = Math.min(connectTimeout.toMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(address, (int) left);
            if (!tls) {
                return socket;
            }
            SSLSocket secure = (SSLSocket) TrustingTls.CONTEXT.getSocketFactory()
                    .createSocket(socket, null, address.getPort(), true);
            SSLParameters parameters = secure.getSSLParameters();
            parameters.setServerNames(List.of());
            secure.setSSLParameters(parameters);
            secure.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            secure.startHandshake();
            return secure;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** A connection failure in a few words: {@code connection refused}, {@code timed out}, ... */
    public static String describe(IOException e) {
        if (e instanceof UnknownHostException) {
            return "no address for host " + e.getMessage();
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (e instanceof SocketTimeoutException) {
            return "timed out";
        }
        if (e instanceof SSLException) {
            return "TLS handshake failed: " + e.getMessage();
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.toLowerCase(Locale.ROOT);
    }

    static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    @Override
    public String toString() {
        String host = address.isUnresolved() ? address.getHostString() : address.getAddress().getHostAddress();
        return (tls ? "https://" : "http://") + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + address.getPort();
    }

    /** A client context that trusts every certificate: the ALB does not validate a target's certificate. */
    private static final class TrustingTls {
        static final SSLContext CONTEXT = context();

        private static SSLContext context() {
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {new TrustEverything()}, new SecureRandom());
                return context;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("this JVM offers no TLS client: " + e.getMessage(), e);
            }
        }
    }

    // extended, so the JDK adds no checks of its own (host name, algorithm constraints) around it
    private static final class TrustEverything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // the probe is a client only
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            // the probe is a client only
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            // the probe is a client only
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // the ALB accepts self-signed and expired target certificates, so the probe does too
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            // as above
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            // as above
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
