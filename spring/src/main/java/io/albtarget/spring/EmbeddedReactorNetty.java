package io.albtarget.spring;

import io.albtarget.AlbSettings;
import io.albtarget.check.CheckTarget;
import io.albtarget.check.SelfCheck;
import io.albtarget.internal.keepalive.KeepAliveRequirement;
import io.albtarget.netty.AlbNetty;
import io.netty.handler.codec.http.HttpDecoderConfig;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.reactor.netty.NettyWebServer;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import reactor.netty.http.server.HttpServer;

/**
 * albtarget on Spring Boot's Reactor Netty server: albtarget's Netty handlers around the HTTP/1.1 codec of every
 * connection ({@link AlbNetty#guard}), idle connections kept open longer than the ALB keeps them, no limit of
 * requests per connection, and room for the longest request line and header section the ALB forwards.
 *
 * <p>{@code server.netty.idle-timeout} (Reactor Netty's default: never) becomes {@code alb.idle-timeout} +
 * {@code alb.keep-alive.margin}, {@code server.netty.max-keep-alive-requests} none, and
 * {@code server.netty.max-initial-line-length} and {@code server.max-http-request-header-size} the ALB's 16 KiB and
 * 64 KiB, each unless the application sets it; an idle timeout set below the requirement is warned about at startup
 * and reported by the self-check. Its server customizer goes after Spring Boot's, which sets the decoder's limits
 * whether or not the application named them.
 */
final class EmbeddedReactorNetty implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory>,
        ServerSelfCheck, Ordered {

    static final String IDLE_TIMEOUT = "server.netty.idle-timeout";
    static final String MAX_KEEP_ALIVE_REQUESTS = "server.netty.max-keep-alive-requests";
    static final String MAX_INITIAL_LINE_LENGTH = "server.netty.max-initial-line-length";
    static final String MAX_HEADER_SIZE = "server.max-http-request-header-size";

    private final AlbSettings settings;
    private final Environment environment;
    private final AlbNetty alb;
    /** The idle timeout the server runs with (zero: never), known once the factory is customized. */
    private volatile Duration idleTimeout = Duration.ZERO;
    private volatile boolean tls;

    EmbeddedReactorNetty(AlbSettings settings, Environment environment) {
        this.settings = settings;
        this.environment = environment;
        this.alb = AlbNetty.of(settings);
    }

    @Override
    public void customize(NettyReactiveWebServerFactory factory) {
        tls = Ssl.isEnabled(factory.getSsl());
        Binder binder = Binder.get(environment);
        @Nullable Duration explicit = binder.bind(IDLE_TIMEOUT, Duration.class).orElse(null);
        Duration idle = explicit != null ? explicit : KeepAliveRequirement.of(settings).serverIdleTimeout();
        ExplicitIdleTimeouts.warnBelowRequirement(environment, settings, IDLE_TIMEOUT);
        idleTimeout = idle;
        boolean keepRequestLimit = binder.bind(MAX_KEEP_ALIVE_REQUESTS, Integer.class).isBound();
        boolean keepLineLength = binder.bind(MAX_INITIAL_LINE_LENGTH, String.class).isBound();
        boolean keepHeaderSize = binder.bind(MAX_HEADER_SIZE, String.class).isBound();
        HttpDecoderConfig limits = AlbNetty.decoderConfig();
        factory.addServerCustomizers(server -> {
            // Reactor Netty has built the connection's pipeline: on HTTP/1.1 (over TLS too) and on a cleartext HTTP/2
            // server the codec is there; after ALPN there is none yet, and HTTP/2 streams are the web filter's
            HttpServer tuned = server.doOnChannelInit(
                    (observer, channel, remote) -> alb.guardCodecOf(channel.pipeline()));
            if (explicit == null) {
                tuned = tuned.idleTimeout(idle);
            }
            if (!keepRequestLimit) {
                tuned = tuned.maxKeepAliveRequests(-1);
            }
            return tuned.httpRequestDecoder(decoder -> {
                if (!keepLineLength) {
                    decoder.maxInitialLineLength(limits.getMaxInitialLineLength());
                }
                if (!keepHeaderSize) {
                    decoder.maxHeaderSize(limits.getMaxHeaderSize());
                }
                return decoder;
            });
        });
    }

    @Override
    public @Nullable SelfCheck of(WebServer server) {
        return server instanceof NettyWebServer
                ? SelfCheck.of(settings, CheckTarget.local(server.getPort()).tls(tls)
                        .serverIdleTimeout(IDLE_TIMEOUT, idleTimeout).healthServedByAlbtarget(true))
                : null;
    }

    /** After Spring Boot's own customizer of the factory, whose decoder limits are defaults the ALB exceeds. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
