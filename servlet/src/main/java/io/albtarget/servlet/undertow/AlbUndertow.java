package io.albtarget.servlet.undertow;

import io.albtarget.AlbSettings;
import io.albtarget.check.CheckTarget;
import io.albtarget.check.SelfCheck;
import io.albtarget.internal.Log;
import io.albtarget.internal.http.DesyncPolicy;
import io.albtarget.internal.http.GuardedPorts;
import io.albtarget.internal.keepalive.KeepAliveRequirement;
import io.undertow.UndertowOptions;
import io.undertow.connector.ByteBufferPool;
import io.undertow.protocols.ssl.UndertowXnioSsl;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.server.HttpHandler;
import io.undertow.server.OpenListener;
import io.undertow.server.protocol.http.AlpnOpenListener;
import io.undertow.server.protocol.http.HttpOpenListener;
import io.undertow.server.protocol.http2.Http2OpenListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.Option;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.Xnio;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;

/**
 * Starts an Undertow HTTP or HTTPS listener that is a correct ALB target: a request head with an obs-fold or
 * empty-name line gets Undertow's own 400 and a close (Undertow would otherwise unfold or accept it), and idle
 * keep-alive connections outlast the ALB's idle timeout by {@code alb.keep-alive.margin}.
 *
 * <pre class="code">{@code
 * HttpHandler handler = deploymentManager.start();
 * AlbUndertow.Server server = AlbUndertow.start(handler, "0.0.0.0", 8080, AlbSettings.defaults());
 * ...
 * server.close();
 * }</pre>
 *
 * <p>The listener is wired the way {@code Undertow.start()} wires one (its own XNIO worker, a pool of 16 KiB direct
 * buffers; for HTTPS, Undertow's TLS and ALPN), because {@code Undertow.builder()} offers no hook on new
 * connections; over TLS the guard reads the decrypted bytes. Responses to pipelined requests are not buffered, so
 * that a 400 for a refused head comes after them.
 * Undertow's {@code NO_REQUEST_TIMEOUT} (which closes an idle keep-alive connection, before and between requests)
 * is set to {@code alb.idle-timeout + alb.keep-alive.margin}, unless given explicitly in the server options;
 * {@code IDLE_TIMEOUT} stays unset unless given, and a given one below that is warned about like
 * {@code NO_REQUEST_TIMEOUT}. With
 * {@code alb.enabled=false} the listener has no guard and no tuning; {@code NO_REQUEST_TIMEOUT} then keeps
 * {@code Undertow.builder()}'s 60 s default. Guarded connections send files through ordinary writes rather than
 * zero-copy, since every response byte must pass the upgrade watch.
 *
 * <p>The methods are thread-safe; each call starts an independent server.
 */
public final class AlbUndertow {

    private static final Log LOG = Log.of(AlbUndertow.class);
    /** What {@code Undertow.Builder} sets, so a disabled albtarget leaves Undertow as it usually comes. */
    private static final int BUILDER_NO_REQUEST_TIMEOUT_MILLIS = 60_000;
    private static final int BUFFER_SIZE = 16 * 1024;
    private static final long STOP_WAIT_SECONDS = 10;

    private AlbUndertow() {
    }

    /**
     * Starts a listener with Undertow's default server options.
     *
     * @param handler the root handler, e.g. a servlet deployment's
     * @param host the address to bind, e.g. {@code 0.0.0.0}
     * @param port the port to bind; 0 for any free port, see {@link Server#port()}
     * @param settings the load balancer's settings
     * @return the running server
     * @throws UncheckedIOException if the port cannot be bound
     */
    public static Server start(HttpHandler handler, String host, int port, AlbSettings settings) {
        return start(handler, host, port, settings, OptionMap.EMPTY);
    }

    /**
     * Starts a listener with these Undertow server options ({@code UndertowOptions}, e.g.
     * {@code MAX_HEADER_SIZE} or {@code ENABLE_HTTP2}).
     *
     * <p>An explicit {@code NO_REQUEST_TIMEOUT} or {@code IDLE_TIMEOUT} is kept; when it is shorter than
     * {@code alb.idle-timeout + alb.keep-alive.margin} a warning saying so is logged, since the server may then close
     * a connection just as the ALB reuses it (HTTP 502).
     *
     * @param handler the root handler, e.g. a servlet deployment's
     * @param host the address to bind, e.g. {@code 0.0.0.0}
     * @param port the port to bind; 0 for any free port, see {@link Server#port()}
     * @param settings the load balancer's settings
     * @param serverOptions Undertow server options, passed to the HTTP listener
     * @return the running server
     * @throws UncheckedIOException if the port cannot be bound
     * @throws IllegalArgumentException if {@code port} is not from 0 to 65535
     */
    public static Server start(HttpHandler handler, String host, int port, AlbSettings settings,
            OptionMap serverOptions) {
        return listen(handler, host, port, settings, serverOptions, null);
    }

    /**
     * Starts an HTTPS listener with these Undertow server options and this TLS context, for an HTTPS target group.
     *
     * <p>The guard reads the decrypted request bytes, and the server options, keep-alive timeouts and warnings are
     * those of {@link #start(HttpHandler, String, int, AlbSettings, OptionMap) the HTTP listener}. As with
     * {@code Undertow.start()}, {@code ENABLE_HTTP2} makes the listener offer {@code h2} ahead of HTTP/1.1 by
     * ALPN; a connection that agrees on {@code h2} opens with the HTTP/2 preface, which switches its guard to
     * pass-through. Without {@code ENABLE_HTTP2} the listener speaks HTTP/1.1 only. The ALB does not check a
     * target's certificate, so a self-signed one will do.
     *
     * @param handler the root handler, e.g. a servlet deployment's
     * @param host the address to bind, e.g. {@code 0.0.0.0}
     * @param port the port to bind; 0 for any free port, see {@link Server#port()}
     * @param settings the load balancer's settings
     * @param serverOptions Undertow server options, passed to the HTTP/1.1 and HTTP/2 listeners
     * @param tls the server's TLS context, initialised with its key and certificate
     * @return the running server
     * @throws UncheckedIOException if the port cannot be bound
     * @throws IllegalArgumentException if {@code port} is not from 0 to 65535
     */
    public static Server start(HttpHandler handler, String host, int port, AlbSettings settings,
            OptionMap serverOptions, SSLContext tls) {
        Objects.requireNonNull(tls, "'tls' must not be null");
        return listen(handler, host, port, settings, serverOptions, tls);
    }

    /** Starts a listener over plain TCP, or over TLS when {@code tls} is given. */
    private static Server listen(HttpHandler handler, String host, int port, AlbSettings settings,
            OptionMap serverOptions, @Nullable SSLContext tls) {
        Objects.requireNonNull(handler, "'handler' must not be null");
        Objects.requireNonNull(host, "'host' must not be null");
        Objects.requireNonNull(settings, "'settings' must not be null");
        Objects.requireNonNull(serverOptions, "'serverOptions' must not be null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("'port' must be between 0 and 65535, but was " + port);
        }
        if (settings.enabled()) {
            warnings(settings, serverOptions).forEach(LOG::warn);
        }
        Xnio xnio = Xnio.getInstance(HttpOpenListener.class.getClassLoader());
        XnioWorker worker = startWorker(xnio);
        ByteBufferPool buffers = new DefaultByteBufferPool(true, BUFFER_SIZE, -1, 4);
        try {
            OptionMap options = listenerOptions(settings, serverOptions);
            OpenListener listener = openListener(handler, buffers, options, tls != null);
            if (settings.enabled()) {
                listener = new GuardingOpenListener(listener, DesyncPolicy.of(settings));
            }
            AcceptingChannel<? extends StreamConnection> channel = bind(xnio, worker,
                    new InetSocketAddress(host, port), listener, tls);
            int bound = channel.getLocalAddress(InetSocketAddress.class).getPort();
            if (settings.enabled()) {
                GuardedPorts.register(bound);
            }
            channel.resumeAccepts();
            return new Running(channel, worker, buffers, bound, settings.enabled(),
                    selfCheck(settings, options, bound, tls != null));
        } catch (IOException | RuntimeException e) {
            worker.shutdownNow();
            buffers.close();
            if (e instanceof IOException io) {
                throw new UncheckedIOException("Undertow could not listen on " + host + ":" + port, io);
            }
            throw (RuntimeException) e;
        }
    }

    private static XnioWorker startWorker(Xnio xnio) {
        int ioThreads = Math.max(Runtime.getRuntime().availableProcessors(), 2);
        try {
            return xnio.createWorker(OptionMap.builder()
                    .set(Options.WORKER_NAME, "albtarget-undertow")
                    .set(Options.WORKER_IO_THREADS, ioThreads)
                    .set(Options.WORKER_TASK_CORE_THREADS, ioThreads * 8)
                    .set(Options.WORKER_TASK_MAX_THREADS, ioThreads * 8)
                    .set(Options.TCP_NODELAY, true)
                    .set(Options.CORK, true)
                    .getMap());
        } catch (IOException e) {
            throw new UncheckedIOException("the XNIO worker for Undertow did not start", e);
        }
    }

    /**
     * Undertow's listener for new connections: HTTP/1.1 (with h2c when {@code ENABLE_HTTP2} is set) or, over TLS
     * with {@code ENABLE_HTTP2}, ALPN offering {@code h2} ahead of HTTP/1.1, as {@code Undertow.start()} has it.
     */
    private static OpenListener openListener(HttpHandler handler, ByteBufferPool buffers, OptionMap options,
            boolean tls) {
        HttpOpenListener http = new HttpOpenListener(buffers, options);
        http.setRootHandler(handler);
        if (!tls || !options.get(UndertowOptions.ENABLE_HTTP2, false)) {
            return http;
        }
        Http2OpenListener h2 = new Http2OpenListener(buffers, options);
        h2.setRootHandler(handler);
        // Undertow.start() also offers the deprecated draft name h2-14, which no current client asks for
        return new AlpnOpenListener(buffers, options, http).addProtocol(Http2OpenListener.HTTP2, h2, 10);
    }

    /**
     * Binds the port and hands each accepted connection to the listener. A TLS server hands over its
     * {@code SslConnection}, whose conduits carry plaintext, so a guard installed on them reads decrypted bytes.
     */
    private static AcceptingChannel<? extends StreamConnection> bind(Xnio xnio, XnioWorker worker,
            InetSocketAddress address, OpenListener listener, @Nullable SSLContext tls) throws IOException {
        OptionMap socketOptions = OptionMap.builder()
                .set(Options.TCP_NODELAY, true)
                .set(Options.REUSE_ADDRESSES, true)
                .set(Options.BACKLOG, 1000)
                .getMap();
        if (tls == null) {
            return worker.createStreamConnectionServer(address, ChannelListeners.openListenerAdapter(listener),
                    socketOptions);
        }
        return new UndertowXnioSsl(xnio, OptionMap.create(Options.USE_DIRECT_BUFFERS, true), tls)
                .createSslConnectionServer(worker, address, ChannelListeners.openListenerAdapter(listener),
                        socketOptions);
    }

    /** The listener's options: the user's, plus the keep-alive timeouts albtarget needs where the user set none. */
    static OptionMap listenerOptions(AlbSettings settings, OptionMap serverOptions) {
        // Unlike Undertow.start(), BUFFER_PIPELINED_DATA stays off: a buffered response to a pipelined request is
        // not flushed before the 400 for a refused head behind it, which then arrives first (measured).
        OptionMap.Builder options = OptionMap.builder();
        if (settings.enabled()) {
            int millis = Math.toIntExact(KeepAliveRequirement.of(settings).serverIdleTimeout().toMillis());
            // IDLE_TIMEOUT stays unset, as Undertow has it: it would also cut a request that runs long without I/O
            options.set(UndertowOptions.NO_REQUEST_TIMEOUT, millis);
        } else {
            options.set(UndertowOptions.NO_REQUEST_TIMEOUT, BUILDER_NO_REQUEST_TIMEOUT_MILLIS);
        }
        return options.addAll(serverOptions).getMap();
    }

    /** The self-check of a listener: its port over the loopback, and the shorter of its two idle timeouts. */
    static SelfCheck selfCheck(AlbSettings settings, OptionMap options, int port, boolean tls) {
        CheckTarget target = CheckTarget.local(port).tls(tls);
        int noRequest = options.get(UndertowOptions.NO_REQUEST_TIMEOUT, 0);
        int idle = options.get(UndertowOptions.IDLE_TIMEOUT, 0);
        if (idle > 0 && (noRequest <= 0 || idle < noRequest)) {
            target = target.serverIdleTimeout("Undertow IDLE_TIMEOUT", Duration.ofMillis(idle));
        } else {
            // Undertow reads 0 or less as "never time out"
            target = target.serverIdleTimeout("Undertow NO_REQUEST_TIMEOUT", Duration.ofMillis(Math.max(0, noRequest)));
        }
        return SelfCheck.of(settings, target);
    }

    /** The warnings for explicit server options that close idle connections before the ALB does (or an empty list). */
    static List<String> warnings(AlbSettings settings, OptionMap serverOptions) {
        KeepAliveRequirement requirement = KeepAliveRequirement.of(settings);
        List<String> warnings = new ArrayList<>();
        warn(requirement, serverOptions, UndertowOptions.NO_REQUEST_TIMEOUT, "Undertow NO_REQUEST_TIMEOUT", warnings);
        warn(requirement, serverOptions, UndertowOptions.IDLE_TIMEOUT, "Undertow IDLE_TIMEOUT", warnings);
        return List.copyOf(warnings);
    }

    private static void warn(KeepAliveRequirement requirement, OptionMap serverOptions, Option<Integer> option,
            String knob, List<String> warnings) {
        Integer millis = serverOptions.get(option);
        if (millis != null) {
            requirement.decide(knob, Duration.ofMillis(millis), true, warnings);
        }
    }

    /**
     * A running server.
     *
     * <p>Thread-safe; {@link #close()} may be called more than once.
     */
    public interface Server extends AutoCloseable {

        /** The bound port, also when port 0 was asked for. */
        int port();

        /**
         * The self-check of this server as the ALB sees it, knowing its idle timeouts: {@code server.selfCheck().start()}.
         */
        SelfCheck selfCheck();

        /** Stops accepting, closes the open connections and stops the server's threads. */
        @Override
        void close();
    }

    private static final class Running implements Server {
        private final AcceptingChannel<? extends StreamConnection> channel;
        private final XnioWorker worker;
        private final ByteBufferPool buffers;
        private final int port;
        private boolean guarded;
        private final SelfCheck selfCheck;

        Running(AcceptingChannel<? extends StreamConnection> channel, XnioWorker worker, ByteBufferPool buffers,
                int port, boolean guarded, SelfCheck selfCheck) {
            this.channel = channel;
            this.worker = worker;
            this.buffers = buffers;
            this.port = port;
            this.guarded = guarded;
            this.selfCheck = selfCheck;
        }

        @Override
        public int port() {
            return port;
        }

        @Override
        public SelfCheck selfCheck() {
            return selfCheck;
        }

        @Override
        public synchronized void close() {
            IoUtils.safeClose(channel);
            if (guarded) {
                GuardedPorts.unregister(port);
                guarded = false;
            }
            worker.shutdownNow();
            try {
                worker.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            buffers.close();
        }
    }
}
