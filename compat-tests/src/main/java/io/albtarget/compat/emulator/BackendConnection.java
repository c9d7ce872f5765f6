package io.albtarget.compat.emulator;

import io.albtarget.internal.Durations;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One connection to a target, carrying one request at a time (no pipelining). Between requests it sits in its
 * pool with reading turned off, so a target's close goes unnoticed until the connection is reused, as when the ALB
 * loses the keep-alive race. Idle for the idle timeout, in the pool or waiting for a response, it is closed.
 * Confined to the emulator's event loop.
 */
final class BackendConnection extends ChannelInboundHandlerAdapter {

    /** The ALB's limit on a target's response header block. */
    static final int MAX_RESPONSE_HEADER = 32 * 1024;
    private static final int MAX_BODY = 64 * 1024 * 1024;

    private final BackendPool pool;
    private final Duration idleTimeout;
    private @Nullable Channel channel;
    private @Nullable Reply pending;
    private boolean reused;
    private boolean responseStarted;
    private long releasedAt;
    private @Nullable String closeReason;

    private BackendConnection(BackendPool pool, Duration idleTimeout) {
        this.pool = pool;
        this.idleTimeout = idleTimeout;
    }

    /** Sets up a new channel's pipeline; the connection is its last handler. */
    static void install(Channel channel, BackendPool pool, Duration idleTimeout) {
        BackendConnection connection = new BackendConnection(pool, idleTimeout);
        channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                connection.responseStarted = true;
                ctx.fireChannelRead(msg);
            }
        });
        channel.pipeline().addLast(new IdleStateHandler(0, 0, idleTimeout.toNanos(), TimeUnit.NANOSECONDS));
        HttpDecoderConfig decoder = new HttpDecoderConfig().setMaxHeaderSize(MAX_RESPONSE_HEADER);
        channel.pipeline().addLast(new HttpClientCodec(decoder, HttpClientCodec.DEFAULT_FAIL_ON_MISSING_RESPONSE,
                HttpClientCodec.DEFAULT_PARSE_HTTP_AFTER_CONNECT_REQUEST));
        channel.pipeline().addLast(new HttpObjectAggregator(MAX_BODY));
        channel.pipeline().addLast(connection);
    }

    static BackendConnection of(Channel channel) {
        return channel.pipeline().get(BackendConnection.class);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    /** Sends a request; the outcome goes to {@code reply}. */
    void send(FullHttpRequest request, Reply reply, boolean fromPool) {
        Channel ch = channel();
        pending = reply;
        reused = fromPool;
        responseStarted = false;
        ch.config().setAutoRead(true);
        ch.writeAndFlush(request).addListener(written -> {
            if (!written.isSuccess()) {
                ch.close();
            }
        });
    }

    /** Closes the connection; a request still outstanding fails with this reason. */
    void close(String reason) {
        closeReason = reason;
        channel().close();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Reply reply = pending;
        if (reply == null || !(msg instanceof FullHttpResponse response)) {
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        if (!response.decoderResult().isSuccess()) {
            Throwable cause = response.decoderResult().cause();
            response.release();
            fail(502, cause instanceof TooLongFrameException
                    ? "the response header block is over " + MAX_RESPONSE_HEADER / 1024 + " KiB"
                    : "malformed response: " + cause.getMessage());
            return;
        }
        pending = null;
        if (HttpUtil.isKeepAlive(response)) {
            ctx.channel().config().setAutoRead(false);
            releasedAt = System.nanoTime();
            pool.release(this);
        } else {
            ctx.close();
        }
        reply.response(response);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            if (pending != null) {
                fail(504, "no response within the idle timeout of " + Durations.format(idleTimeout));
            } else {
                ctx.close();
            }
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (pending != null) {
            fail(502, closedReason() + " (" + cause.getMessage() + ")");
        } else {
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        pool.closed(this);
        if (pending != null) {
            fail(502, closedReason());
        }
        ctx.fireChannelInactive();
    }

    private String closedReason() {
        if (closeReason != null) {
            return closeReason;
        }
        if (reused && !responseStarted) {
            return String.format(Locale.ROOT, "pooled connection reused after the target closed it (idle %d ms"
                    + " in the pool)", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - releasedAt));
        }
        return "target closed the connection with a request outstanding";
    }

    private void fail(int status, String reason) {
        Reply reply = pending;
        pending = null;
        channel().close();
        if (reply != null) {
            reply.error(status, reason);
        }
    }

    private Channel channel() {
        if (channel == null) {
            throw new IllegalStateException("the connection is not installed in a channel");
        }
        return channel;
    }
}
