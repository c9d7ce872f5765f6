package io.albtarget.micronaut;

import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import java.util.function.Supplier;

/**
 * Where a byte-level handler goes into the Micronaut server's pipeline: one new handler per HTTP/1.1 connection,
 * right ahead of Netty's HTTP codec (after TLS, when the connection has it), so that it sees each request head's
 * bytes before the codec parses them. This is the place for albtarget's guard against header lines that Netty's
 * decoder would otherwise unfold or accept (obs-fold, an empty header name), which no server filter can tell
 * after decoding.
 *
 * <p>The handler goes in when Micronaut has built the connection's HTTP pipeline
 * ({@link NettyServerCustomizer#onStreamPipelineBuilt()}); a connection without the HTTP/1.1 codec (HTTP/2 by ALPN
 * or prior knowledge) gets none.
 */
final class AheadOfHttpCodec implements NettyServerCustomizer {

    static final String HANDLER = "albtarget-ahead-of-http-codec";

    private final Supplier<? extends ChannelHandler> handlers;
    private final Channel channel;

    private AheadOfHttpCodec(Supplier<? extends ChannelHandler> handlers, Channel channel) {
        this.handlers = handlers;
        this.channel = channel;
    }

    /**
     * Installs a handler from {@code handlers} ahead of the HTTP codec of every connection the server accepts from
     * now on.
     *
     * @param registry the server's customizer registry, as a {@code BeanCreatedEventListener} of
     *     {@code NettyServerCustomizer.Registry} receives it
     * @param handlers a new handler for each connection
     */
    static void install(NettyServerCustomizer.Registry registry, Supplier<? extends ChannelHandler> handlers) {
        registry.register(new NettyServerCustomizer() {
            @Override
            public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
                return role == ChannelRole.CONNECTION ? new AheadOfHttpCodec(handlers, channel) : this;
            }
        });
    }

    @Override
    public NettyServerCustomizer specializeForChannel(Channel stream, ChannelRole role) {
        return this;
    }

    @Override
    public void onStreamPipelineBuilt() {
        ChannelPipeline pipeline = channel.pipeline();
        if (pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null
                && pipeline.get(HANDLER) == null) {
            pipeline.addBefore(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, HANDLER, handlers.get());
        }
    }
}
