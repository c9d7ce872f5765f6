package io.albtarget.internal.probe;

import io.albtarget.internal.Durations;
import io.albtarget.internal.Printable;
import io.albtarget.internal.TimedRead;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.jspecify.annotations.Nullable;

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
    /** How often an idle watch asks whether to stop. */
    private static final Duration STOP_POLL = Duration.ofMillis(100);

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
            return notOpened(e, start);
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
     * server closes it, {@code limit} has passed or {@code stop} says so. This is the connection the ALB keeps for
     * its next request.
     *
     * @param timeout how long the request's exchange may take
     * @param limit how long to watch the idle connection at most
     * @param stop asked during the watch, at least every 100 ms; once it answers true the watch ends
     */
    public IdleClose idleClose(AlbRequest request, Duration timeout, Duration limit, BooleanSupplier stop) {
        Objects.requireNonNull(stop, "'stop' must not be null");
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Socket socket;
        try {
            socket = open(deadline);
        } catch (IOException e) {
            return IdleClose.unclosed(notOpened(e, start), limit);
        }
        try (socket) {
            Exchange exchange = send(socket, request, start, deadline, timeout).read();
            if (exchange.outcome() != Exchange.Outcome.COMPLETE) {
                return IdleClose.unclosed(exchange, limit);
            }
            return watch(exchange, socket, limit, stop);
        } catch (IOException e) {
            return IdleClose.unclosed(Exchange.failed(Exchange.Outcome.CLOSED_EARLY, describe(e), since(start)),
                    limit);
        }
    }

    /**
     * Opens a connection and makes the probe's TLS handshake, whether or not this probe {@linkplain #usesTls()
     * speaks TLS}, then closes it. A plain-HTTP target whose port completes the handshake speaks TLS.
     *
     * @param timeout how long the connect and the handshake may take
     * @return what was negotiated, e.g. {@code TLSv1.3 TLS_AES_128_GCM_SHA256}; empty when no handshake completed
     */
    public Optional<String> tlsHandshake(Duration timeout) {
        try (Socket socket = tls(true).open(System.nanoTime() + timeout.toNanos())) {
            SSLSession session = ((SSLSocket) socket).getSession();
            return Optional.of(session.getProtocol() + " " + session.getCipherSuite());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Exchange notOpened(IOException e, long start) {
        if (e instanceof OtherProtocolException) {
            return Exchange.failed(Exchange.Outcome.OTHER_PROTOCOL, e.getMessage(), since(start));
        }
        // open's own timeouts say which step and how long
        String detail = e instanceof SocketTimeoutException ? e.getMessage() : describe(e);
        return Exchange.failed(Exchange.Outcome.CONNECT_FAILED, detail, since(start));
    }

    private static ResponseReader send(Socket socket, AlbRequest request, long start, long deadline,
            Duration timeout) throws IOException {
        socket.getOutputStream().write(request.bytes());
        socket.getOutputStream().flush();
        return new ResponseReader(socket, start, deadline, Durations.format(timeout));
    }

    private static IdleClose watch(Exchange exchange, Socket socket, Duration limit, BooleanSupplier stop)
            throws IOException {
        long idleStart = System.nanoTime();
        long end = idleStart + limit.toNanos();
        InputStream in = socket.getInputStream();
        byte[] ignored = new byte[512];
        while (end - System.nanoTime() > 0) {
            if (stop.getAsBoolean()) {
                return IdleClose.stopped(exchange, limit, since(idleStart));
            }
            long poll = System.nanoTime() + STOP_POLL.toNanos();
            try {
                if (TimedRead.read(socket, in, ignored, poll - end < 0 ? poll : end) < 0) {
                    return IdleClose.closed(exchange, limit, since(idleStart));
                }
            } catch (SocketTimeoutException e) {
                // time to ask stop again, or the limit has passed
            } catch (IOException e) {
                // a reset is a close too
                return IdleClose.closed(exchange, limit, since(idleStart));
            }
        }
        return IdleClose.unclosed(exchange, limit);
    }

    private Socket open(long deadline) throws IOException {
        if (address.isUnresolved()) {
            throw new UnknownHostException(address.getHostString());
        }
        FirstBytesSocket socket = new FirstBytesSocket();
        try {
            socket.setTcpNoDelay(true);
            long left = deadline - System.nanoTime();
            boolean deadlineFirst = left <= connectTimeout.toNanos();
            int connectMillis = TimedRead.millis(Math.min(connectTimeout.toNanos(), left));
            try {
                socket.connect(address, connectMillis);
            } catch (SocketTimeoutException e) {
                // the socket's timer, not the clock, gave up: a timed-out exchange never ends before its deadline
                if (deadlineFirst) {
                    awaitDeadline(deadline);
                }
                throw new SocketTimeoutException("no connection within " + connectMillis + " ms");
            }
            if (!tls) {
                return socket;
            }
            SSLSocket secure = (SSLSocket) TrustingTls.CONTEXT.getSocketFactory()
                    .createSocket(socket, null, address.getPort(), true);
            SSLParameters parameters = secure.getSSLParameters();
            parameters.setServerNames(List.of());
            secure.setSSLParameters(parameters);
            int handshakeMillis = TimedRead.millis(deadline - System.nanoTime());
            secure.setSoTimeout(handshakeMillis);
            try {
                secure.startHandshake();
            } catch (SocketTimeoutException e) {
                throw new SocketTimeoutException("no TLS handshake within " + handshakeMillis + " ms");
            } catch (IOException e) {
                throw socket.answeredPlainHttp() ? new OtherProtocolException("the port answers plain HTTP, not"
                        + " TLS: it answered the TLS ClientHello with '" + socket.firstLine() + "'") : e;
            }
            return secure;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static void awaitDeadline(long deadline) {
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
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

    /**
     * A socket that keeps the first bytes it receives: what a server answered to the TLS ClientHello when the
     * handshake fails. The TLS layer reads the server's bytes through this socket's stream, which reads ahead so
     * that the first line is kept whole even though the TLS layer asks for a record header of 5 bytes only.
     */
    private static final class FirstBytesSocket extends Socket {
        private static final int KEPT = 80;
        private final byte[] first = new byte[KEPT];
        private int kept;
        private @Nullable InputStream in;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new BufferedInputStream(new FilterInputStream(super.getInputStream()) {
                    @Override
                    public int read(byte[] into, int offset, int length) throws IOException {
                        int read = super.read(into, offset, length);
                        keep(into, offset, read);
                        return read;
                    }
                });
            }
            return in;
        }

        private synchronized void keep(byte[] bytes, int offset, int read) {
            int keep = Math.min(read, KEPT - kept);
            if (keep > 0) {
                System.arraycopy(bytes, offset, first, kept, keep);
                kept += keep;
            }
        }

        boolean answeredPlainHttp() {
            return firstLine().startsWith("HTTP/");
        }

        /** The first line received, without its line end, control characters escaped. */
        synchronized String firstLine() {
            String text = new String(first, 0, kept, StandardCharsets.ISO_8859_1);
            int end = text.indexOf('\r') >= 0 ? text.indexOf('\r') : text.indexOf('\n');
            return Printable.of(end >= 0 ? text.substring(0, end) : text);
        }
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
