package io.albtarget.compat.emulator;

import io.albtarget.AlbSettings;
import io.albtarget.compat.health.TargetHealth;
import io.albtarget.compat.health.TargetState;
import io.albtarget.compat.health.TimeScale;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for an Application Load Balancer in front of real targets, so that a test can see what the ALB's
 * clients would get. A test instrument, not a production proxy: one event-loop thread, whole requests and
 * responses in memory, HTTP/1.1 only, no TLS listener.
 *
 * <p>Toward targets it behaves as the ALB is documented to:
 * <ul>
 *   <li>each registered target is health-checked by a {@link io.albtarget.compat.health.HealthCheckSimulator};
 *       requests go round robin to healthy targets, to every target when all are unhealthy (fail open), and to none
 *       that is initial, draining or unused; with no routable target the answer is 503;</li>
 *   <li>connections to a target are kept alive and reused, the most recently released first, one request at a
 *       time; a response with {@code Connection: close} (or HTTP/1.0 without keep-alive) closes its connection; the
 *       emulator closes a connection idle for the idle timeout ({@link AlbSettings#idleTimeout()}, not scaled);</li>
 *   <li>502 when the connect is refused or reset, when the target closes or resets the connection with a request
 *       outstanding, for a malformed response or a response header block over 32 KiB, and when the deregistration
 *       delay elapses with a request outstanding; 504 when no response comes within the idle timeout (which also
 *       covers a {@code Content-Length} larger than the body sent) and when the connect does not complete within
 *       10 s. Requests are never retried;</li>
 *   <li>forwarded requests are HTTP/1.1 with the Host lower-cased, hop-by-hop headers and {@code Expect} removed,
 *       {@code X-Forwarded-For} appended, {@code X-Forwarded-Proto: http}, {@code X-Forwarded-Port} and an
 *       {@code X-Amzn-Trace-Id}.</li>
 * </ul>
 *
 * <p>Modelling choice: the emulator does not read from an idle pooled connection. Like an ALB that loses the race
 * between its reuse of a keep-alive connection and the target's close of it, it notices the close only when it
 * sends the next request there, and that request gets a 502 whose {@link ErrorEvent} says "pooled connection
 * reused after the target closed it". A target whose keep-alive timeout is shorter than the idle timeout fails
 * this way deterministically, where a real ALB fails now and then.
 *
 * <pre>{@code
 * try (AlbEmulator alb = AlbEmulator.builder().settings(settings).timeScale(TimeScale.dividedBy(10)).start()) {
 *     alb.register(new InetSocketAddress("127.0.0.1", 8080));
 *     alb.awaitHealthy(new InetSocketAddress("127.0.0.1", 8080), Duration.ofSeconds(10));
 *     // send requests to alb.uri(); explain any 5xx with alb.errors()
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class AlbEmulator implements AutoCloseable {

    private final EventLoopGroup loop;
    private final Channel server;
    private final TargetGroup group;
    private final Traffic traffic;

    private AlbEmulator(EventLoopGroup loop, Channel server, TargetGroup group, Traffic traffic) {
        this.loop = loop;
        this.server = server;
        this.group = group;
        this.traffic = traffic;
    }

    /** A builder with the ALB's default settings, real time and a free port. */
    public static Builder builder() {
        return new Builder();
    }

    /** The listener's address, e.g. {@code http://127.0.0.1:41234/}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + port() + "/");
    }

    /** The listener's port. */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /**
     * Registers a target and starts health-checking it; it gets requests once healthy.
     *
     * @throws IllegalArgumentException if the target is registered already and not unused
     */
    public void register(InetSocketAddress target) {
        group.register(Objects.requireNonNull(target, "'target' must not be null"));
    }

    /**
     * Deregisters a target: it gets no new requests, its requests in flight may finish within the (scaled)
     * deregistration delay, after which its connections are closed.
     *
     * @throws IllegalArgumentException if the target is not registered
     */
    public void deregister(InetSocketAddress target) {
        group.deregister(target);
    }

    /**
     * A target's health.
     *
     * @throws IllegalArgumentException if the target is not registered
     */
    public TargetHealth health(InetSocketAddress target) {
        return group.target(target).checker().health();
    }

    /** Every registered target's health, in registration order (or an empty map). */
    public Map<InetSocketAddress, TargetHealth> targets() {
        return group.healths();
    }

    /**
     * Waits until a target is healthy.
     *
     * @throws IllegalStateException if it is not healthy within {@code max}; the message says why
     * @throws IllegalArgumentException if the target is not registered
     */
    public TargetHealth awaitHealthy(InetSocketAddress target, Duration max) throws InterruptedException {
        return group.target(target).checker().awaitState(TargetState.HEALTHY, max);
    }

    /**
     * Waits until a target is in this state.
     *
     * @throws IllegalStateException if it is not within {@code max}; the message says why
     * @throws IllegalArgumentException if the target is not registered
     */
    public TargetHealth awaitState(InetSocketAddress target, TargetState state, Duration max)
            throws InterruptedException {
        return group.target(target).checker().awaitState(state, max);
    }

    /** How many responses with this status the emulator sent its clients, its own error responses included. */
    public long responses(int status) {
        return traffic.responses(status);
    }

    /** How many requests the emulator routed to this target. */
    public long requests(InetSocketAddress target) {
        return traffic.requests(target);
    }

    /** Every response the emulator made up itself, with the reason, oldest first (or an empty list). */
    public List<ErrorEvent> errors() {
        return traffic.errors();
    }

    /** Stops the health checks, closes every connection and stops the event loop. */
    @Override
    public void close() {
        group.close();
        server.close().syncUninterruptibly();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Override
    public String toString() {
        return "ALB emulator at " + uri() + " with targets " + targets();
    }

    /** Settings, time scale and port of an emulator. Not thread-safe. */
    public static final class Builder {
        private AlbSettings settings = AlbSettings.defaults();
        private TimeScale scale = TimeScale.REAL;
        private int port;

        private Builder() {
        }

        /**
         * The target group and load balancer: idle timeout, health-check settings, deregistration delay; default
         * {@link AlbSettings#defaults()}.
         */
        public Builder settings(AlbSettings settings) {
            this.settings = Objects.requireNonNull(settings, "'settings' must not be null");
            return this;
        }

        /** How much faster health checks and deregistration run; default real time. */
        public Builder timeScale(TimeScale scale) {
            this.scale = Objects.requireNonNull(scale, "'scale' must not be null");
            return this;
        }

        /**
         * The listener port on 127.0.0.1; default 0, a free port.
         *
         * @throws IllegalArgumentException unless 0 to 65535
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("'port' must be from 0 to 65535, but was " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Starts listening.
         *
         * @throws IllegalStateException if the port cannot be bound
         */
        public AlbEmulator start() {
            EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("alb-emulator", true),
                    NioIoHandler.newFactory());
            Traffic traffic = new Traffic();
            TargetGroup group = new TargetGroup(settings, scale, loop.next());
            ServerBootstrap bootstrap = new ServerBootstrap().group(loop).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel channel) {
                            int listenerPort = ((InetSocketAddress) channel.localAddress()).getPort();
                            channel.pipeline().addLast(new HttpServerCodec(new HttpDecoderConfig()
                                    .setMaxInitialLineLength(16 * 1024).setMaxHeaderSize(64 * 1024)));
                            channel.pipeline().addLast(new HttpObjectAggregator(64 * 1024 * 1024));
                            channel.pipeline().addLast(new Frontend(group, traffic, listenerPort));
                        }
                    });
            try {
                Channel server = bootstrap.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                        .syncUninterruptibly().channel();
                return new AlbEmulator(loop, server, group, traffic);
            } catch (RuntimeException e) {
                loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
                throw new IllegalStateException("the emulator cannot listen on 127.0.0.1:" + port + ": "
                        + e.getMessage(), e);
            }
        }
    }
}
