package io.albtarget.micronaut;

import io.albtarget.AlbSettings;
import io.albtarget.netty.AlbNetty;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import jakarta.inject.Singleton;

/**
 * albtarget's Netty handlers around the HTTP/1.1 codec of every connection of the server: the guard on the request
 * head's bytes ahead of the codec (obs-fold, an empty header name, bare LF, Transfer-Encoding that is not plain
 * {@code chunked}: what Netty's decoder would unfold or accept before any filter could tell), and the rules on each
 * parsed request after it (the Host, a GET or HEAD with a body). Their refusal comes after the answers to the requests
 * pipelined before the refused one, as albtarget's one line of plain text, and closes the connection.
 */
@Singleton
@Requires(beans = AlbSettings.class)
final class NettyGuard implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    private final AlbNetty alb;

    NettyGuard(AlbSettings settings) {
        this.alb = AlbNetty.of(settings);
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        AheadOfHttpCodec.install(event.getBean(),
                alb::guardCodecOf);
        return event.getBean();
    }
}
