package io.albtarget.micronaut;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Installs, through {@link AheadOfHttpCodec}, a handler that records the bytes each connection receives before
 * Netty's HTTP codec reads them; in the contexts of the tests that set {@code test.recording-handlers}.
 */
@Singleton
@Requires(property = RecordingHandlers.SWITCH)
final class RecordingHandlers implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    static final String SWITCH = "test.recording-handlers";

    final Queue<String> received = new ConcurrentLinkedQueue<>();

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        AheadOfHttpCodec.install(event.getBean(), () -> new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext context, Object message) {
                if (message instanceof ByteBuf bytes) {
                    received.add(bytes.toString(StandardCharsets.ISO_8859_1));
                }
                context.fireChannelRead(message);
            }
        });
        return event.getBean();
    }
}
