package io.albtarget.netty;

import io.albtarget.Verdict;
import io.albtarget.internal.http.GuardedPorts;
import io.albtarget.internal.http.Refusal;
import io.albtarget.internal.http.RequestCompliance;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.jspecify.annotations.Nullable;

/**
 * The handler just after Netty's HTTP codec: judges each parsed request by what the guard leaves to it (the Host, a
 * body on a GET or HEAD), and keeps a refusal in its place on the connection.
 *
 * <p>Netty's codec answers nothing itself, so the order of answers is kept here: it counts the requests passed on
 * whole and the final responses written whole (a 1xx other than 101 is interim). A refusal, by the guard on the bytes
 * or by the rules here, stops every later request; albtarget's answer is written as raw bytes ahead of the codec
 * once every request passed on before it has its response, then the connection closes. A request that must close the
 * connection gets {@code Connection: close} on its response, which closes the connection once written.
 *
 * <p>While it is in the pipeline the connection's local port counts as guarded ({@link GuardedPorts}), so that the
 * rules leave the bytes to the guard. Netty calls a channel's handlers from its event loop only: no locking.
 */
final class ParsedRequests extends ChannelDuplexHandler {

    private static final long NONE = -1;

    private final RequestCompliance compliance;
    private @Nullable ChannelHandlerContext bytes;
    private @Nullable ChannelHandlerContext own;
    private int guardedPort;
    private Verdict refusal = Verdict.accept();
    private boolean answered;
    /** Requests passed on whole, and final responses written whole. */
    private long requests;
    private long responses;
    /** The number of the request after whose response the connection closes, counting from 1, or {@link #NONE}. */
    private long closeAfter = NONE;
    private boolean interim;

    ParsedRequests(RequestCompliance compliance) {
        this.compliance = compliance;
    }

    /** Where the refusal is written: the guard's place, ahead of the codec. */
    void answerThrough(ChannelHandlerContext guard) {
        this.bytes = guard;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        own = ctx;
        SocketAddress local = ctx.channel().localAddress();
        if (local instanceof InetSocketAddress address && address.getPort() > 0) {
            guardedPort = address.getPort();
            GuardedPorts.register(guardedPort);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (guardedPort > 0) {
            GuardedPorts.unregister(guardedPort);
            guardedPort = 0;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!refusal.isAccepted() || closeAfter != NONE && requests >= closeAfter) {
            // nothing after a refused request, or after one that closes the connection, is served
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request && request.decoderResult().isSuccess()) {
            Verdict verdict = compliance.judge(new NettyRequestView(request, ctx.channel()));
            if (!verdict.isAccepted()) {
                ReferenceCountUtil.release(msg);
                refuse(verdict);
                return;
            }
            if (verdict.closesConnection()) {
                closeAfter = requests + 1;
            }
        }
        if (msg instanceof LastHttpContent) {
            requests++;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response) {
            HttpResponseStatus status = response.status();
            interim = status.codeClass() == HttpStatusClass.INFORMATIONAL
                    && status.code() != HttpResponseStatus.SWITCHING_PROTOCOLS.code();
            if (!interim && closeAfter == responses + 1) {
                HttpUtil.setKeepAlive(response, false);
            }
        }
        if (!(msg instanceof LastHttpContent) || interim) {
            ctx.write(msg, promise);
            return;
        }
        responses++;
        if (closeAfter == responses) {
            ChannelPromise written = promise.unvoid();
            ctx.write(msg, written);
            written.addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.write(msg, promise);
        }
        answerWhenDue();
    }

    /** Refuses the next request: nothing after it is served, and albtarget answers once those before it are. */
    void refuse(Verdict verdict) {
        if (refusal.isAccepted()) {
            refusal = verdict;
            answerWhenDue();
        }
    }

    private void answerWhenDue() {
        ChannelHandlerContext guard = bytes;
        if (refusal.isAccepted() || answered || responses < requests || guard == null) {
            return;
        }
        answered = true;
        guard.writeAndFlush(Unpooled.wrappedBuffer(Refusal.answer(refusal).wire()))
                .addListener(ChannelFutureListener.CLOSE);
    }

    /** The connection left HTTP/1.1 (HTTP/2, or an accepted upgrade): nothing here applies to it any more. */
    void stepAside() {
        ChannelHandlerContext ctx = own;
        if (ctx != null && !ctx.isRemoved()) {
            ctx.pipeline().remove(this);
        }
    }
}
