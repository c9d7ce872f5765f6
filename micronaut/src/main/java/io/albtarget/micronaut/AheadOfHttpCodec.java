package io.albtarget.micronaut;

import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import java.util.function.Consumer;

/**
 * Where albtarget's handlers go into the Micronaut server's pipeline: around Netty's HTTP/1.1 codec of each
 * connection (after TLS, when the connection has it), as soon as the codec is in the pipeline, so that a handler ahead
 * of it sees each request head's bytes before the codec parses them. Micronaut names the codec
 * {@code http-server-codec} once it has built the connection's HTTP pipeline; on a cleartext HTTP/2 server Netty's
 * h2c upgrade handler has added it under a name of its own when the connection opens, and Micronaut names nothing
 * until the codec has parsed the first request. Both hooks hand the pipeline on; what goes around the codec finds
 * it by its type ({@code AlbNetty.guardCodecOf}). A connection without the HTTP/1.1 codec (HTTP/2 by ALPN) gets no
 * handlers.
 */
final class AheadOfHttpCodec implements NettyServerCustomizer {

    private final Consumer<ChannelPipeline> aroundCodec;
    private final Channel channel;

    private AheadOfHttpCodec(Consumer<ChannelPipeline> aroundCodec, Channel channel) {
        this.aroundCodec = aroundCodec;
        this.channel = channel;
    }

    /**
     * Has {@code aroundCodec} put its handlers around the HTTP/1.1 codec of every connection the server accepts from
     * now on; it is handed each connection's pipeline once it is built, and again once Micronaut has built its
     * HTTP pipeline, so it must find the codec itself and act once.
     *
     * @param registry the server's customizer registry, as a {@code BeanCreatedEventListener} of
     *     {@code NettyServerCustomizer.Registry} receives it
     */
    static void install(NettyServerCustomizer.Registry registry, Consumer<ChannelPipeline> aroundCodec) {
        registry.register(new NettyServerCustomizer() {
            @Override
            public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
                return role == ChannelRole.CONNECTION ? new AheadOfHttpCodec(aroundCodec, channel) : this;
            }
        });
    }

    @Override
    public NettyServerCustomizer specializeForChannel(Channel stream, ChannelRole role) {
        return this;
    }

    @Override
    public void onInitialPipelineBuilt() {
        aroundCodec.accept(channel.pipeline());
    }

    @Override
    public void onStreamPipelineBuilt() {
        aroundCodec.accept(channel.pipeline());
    }
}
