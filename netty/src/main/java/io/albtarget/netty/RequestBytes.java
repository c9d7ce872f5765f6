package io.albtarget.netty;

import io.albtarget.internal.http.RequestHeadGuard;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.nio.ByteBuffer;

/**
 * The guard on one connection's raw bytes, just ahead of Netty's HTTP codec: every read is scanned in place (through
 * the buffer's NIO views, nothing copied) and passed on unchanged while the guard accepts it. On a refusal only the
 * bytes before the refused byte reach the codec, so it completes the requests pipelined before the refused one and
 * no more; {@link ParsedRequests} then has albtarget's refusal written here, once those requests are answered, and
 * every later byte is dropped. Response bytes are shown to the guard, which switches to pass-through on a 101; then,
 * or on the HTTP/2 preface, both handlers leave the pipeline.
 *
 * <p>Netty calls a channel's handlers from its event loop only: no locking.
 */
final class RequestBytes extends ChannelDuplexHandler {

    private final RequestHeadGuard guard;
    private final ParsedRequests rules;
    private boolean refused;

    RequestBytes(RequestHeadGuard guard, ParsedRequests rules) {
        this.guard = guard;
        this.rules = rules;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        rules.answerThrough(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf bytes)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (refused) {
            bytes.release();
            return;
        }
        int kept = scan(bytes);
        if (guard.isPassThrough()) {
            // the codec may read the HTTP/2 preface as a request: the rules must not judge it
            rules.stepAside();
            ctx.fireChannelRead(bytes);
            ctx.pipeline().remove(this);
        } else if (kept < 0) {
            ctx.fireChannelRead(bytes);
        } else {
            refused = true;
            if (kept > 0) {
                ctx.fireChannelRead(bytes.retainedSlice(bytes.readerIndex(), kept));
            }
            bytes.release();
            rules.refuse(guard.refusal());
        }
    }

    /** How many readable bytes come before the refused one, or -1 when the guard accepts them all. */
    private int scan(ByteBuf bytes) {
        if (bytes.nioBufferCount() == 1) {
            ByteBuffer view = bytes.internalNioBuffer(bytes.readerIndex(), bytes.readableBytes());
            int refused = guard.scan(view);
            return refused < 0 ? -1 : refused - view.position();
        }
        int before = 0;
        for (ByteBuffer view : views(bytes)) {
            int refused = guard.scan(view);
            if (refused >= 0) {
                return before + refused - view.position();
            }
            before += view.remaining();
        }
        return -1;
    }

    /** Shows the guard a response's bytes in place, for the answer to an upgrade. */
    private void watch(ByteBuf bytes) {
        if (bytes.nioBufferCount() == 1) {
            guard.onResponse(bytes.internalNioBuffer(bytes.readerIndex(), bytes.readableBytes()));
            return;
        }
        for (ByteBuffer view : views(bytes)) {
            guard.onResponse(view);
        }
    }

    /** The readable bytes as NIO views, in order; a copy of a buffer without any (no Netty transport reads into one). */
    private static ByteBuffer[] views(ByteBuf bytes) {
        return bytes.nioBufferCount() > 0 ? bytes.nioBuffers()
                : new ByteBuffer[] {ByteBuffer.wrap(ByteBufUtil.getBytes(bytes))};
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf bytes && bytes.isReadable()) {
            watch(bytes);
        }
        ctx.write(msg, promise);
        if (guard.isPassThrough()) {
            rules.stepAside();
            ctx.pipeline().remove(this);
        }
    }
}
