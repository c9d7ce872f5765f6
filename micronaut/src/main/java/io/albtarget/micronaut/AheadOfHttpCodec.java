package io.albtarget.micronaut;

import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import java.util.function.Consumer;

/**
 * Where albtarget's handlers go into the Micronaut server's pipeline: around Netty's HTTP codec of each HTTP/1.1
 * connection (after TLS, when the connection has it), once Micronaut has built the connection's HTTP pipeline
 * ({@link NettyServerCustomizer#onStreamPipelineBuilt()}), so that a handler ahead of the codec sees each request
 * head's bytes before the codec parses them. A connection without the HTTP/1.1 codec under Micronaut's name (HTTP/2
 * by ALPN or prior knowledge) gets none.
 */
final class AheadOfHttpCodec implements NettyServerCustomizer {

    private final Consumer<ChannelPipeline> aroundCodec;
    private final Channel channel;
    /** Micronaut calls a connection's customizer from its event loop only. */
    private boolean installed;

    private AheadOfHttpCodec(Consumer<ChannelPipeline> aroundCodec, Channel channel) {
        this.aroundCodec = aroundCodec;
        this.channel = channel;
    }

    /**
     * Has {@code aroundCodec} put its handlers around the HTTP codec (named
     * {@link ChannelPipelineCustomizer#HANDLER_HTTP_SERVER_CODEC}) of every connection the server accepts from now
     * on, once per connection.
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
    public void onStreamPipelineBuilt() {
        ChannelPipeline pipeline = channel.pipeline();
        if (!installed && pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null) {
            installed = true;
            aroundCodec.accept(pipeline);
        }
    }
}
