package io.albtarget.compat.emulator;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One client connection: takes one whole request at a time, routes it to a target, and answers with the target's
 * response or the status the ALB makes up; pipelined requests wait their turn. Keeps the client connection open
 * unless the client asked otherwise. Confined to the emulator's event loop.
 */
final class Frontend extends ChannelInboundHandlerAdapter {

    private final TargetGroup group;
    private final Traffic traffic;
    private final int listenerPort;
    private final Deque<FullHttpRequest> waiting = new ArrayDeque<>();
    private boolean busy;

    Frontend(TargetGroup group, Traffic traffic, int listenerPort) {
        this.group = group;
        this.traffic = traffic;
        this.listenerPort = listenerPort;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        // one request at a time, answered in order: the decoder may hand over pipelined requests at once
        ctx.channel().config().setAutoRead(false);
        if (busy) {
            waiting.addLast(request);
            return;
        }
        busy = true;
        forward(ctx, request);
    }

    private void forward(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!request.decoderResult().isSuccess()) {
            request.release();
            answer(ctx, AlbErrors.of(400), false);
            return;
        }
        StringBuilder why = new StringBuilder();
        Optional<TargetGroup.Target> routed = group.route(why);
        if (routed.isEmpty()) {
            request.release();
            failed(ctx, null, 503, why.toString(), keepAlive);
            return;
        }
        InetSocketAddress target = routed.get().address();
        InetSocketAddress client = (InetSocketAddress) ctx.channel().remoteAddress();
        ForwardedHeaders.apply(request, client.getAddress().getHostAddress(), listenerPort,
                Instant.now().getEpochSecond());
        traffic.routed(target);
        routed.get().pool().send(request, new Reply() {
            @Override
            public void response(FullHttpResponse response) {
                ForwardedHeaders.removeHopByHop(response.headers());
                response.setProtocolVersion(HttpVersion.HTTP_1_1);
                answer(ctx, response, keepAlive);
            }

            @Override
            public void error(int status, String reason) {
                failed(ctx, target, status, reason, keepAlive);
            }
        });
    }

    private void failed(ChannelHandlerContext ctx, @Nullable InetSocketAddress target, int status, String reason,
            boolean keepAlive) {
        traffic.failed(target, status, reason);
        answer(ctx, AlbErrors.of(status), keepAlive);
    }

    private void answer(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        traffic.answered(response.status().code());
        HttpUtil.setKeepAlive(response, keepAlive);
        if (!keepAlive) {
            waiting.forEach(FullHttpRequest::release);
            waiting.clear();
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.writeAndFlush(response);
        FullHttpRequest next = waiting.pollFirst();
        if (next != null) {
            forward(ctx, next);
        } else {
            busy = false;
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        waiting.forEach(FullHttpRequest::release);
        waiting.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a client that resets its connection ends only its own exchange
        ctx.close();
    }
}
