package io.albtarget.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.jspecify.annotations.Nullable;

/**
 * A bare Netty HTTP/1.1 server on 127.0.0.1 and a free port: an optional {@link SslHandler}, Netty's
 * {@link HttpServerCodec}, albtarget when given, an aggregator and an echo application that answers 200, after the
 * read that brought the request, with a body describing it (see {@link #describe(FullHttpRequest)}), keeping the connection alive as the request
 * asks. A request Netty's decoder failed gets 400 from the application, as a Netty application answers it.
 */
final class NettyTestServer implements AutoCloseable {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel listener;

    private NettyTestServer(@Nullable AlbNetty alb, boolean stockDecoder, @Nullable SSLContext tls) {
        ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        ChannelPipeline pipeline = channel.pipeline();
                        if (tls != null) {
                            SSLEngine engine = tls.createSSLEngine();
                            engine.setUseClientMode(false);
                            pipeline.addLast(new SslHandler(engine));
                        }
                        pipeline.addLast("http", stockDecoder ? new HttpServerCodec()
                                : new HttpServerCodec(AlbNetty.decoderConfig()));
                        if (alb != null) {
                            alb.guard(pipeline, "http");
                        }
                        pipeline.addLast(new HttpObjectAggregator(1 << 16), new Echo());
                    }
                });
        this.listener = bootstrap.bind("127.0.0.1", 0).syncUninterruptibly().channel();
    }

    /** Stock Netty: its default decoder settings, no albtarget. */
    static NettyTestServer stock() {
        return new NettyTestServer(null, true, null);
    }

    /** albtarget's decoder settings and handlers around the codec. */
    static NettyTestServer guarded(AlbNetty alb) {
        return new NettyTestServer(alb, false, null);
    }

    /** As {@link #guarded(AlbNetty)}, behind TLS with this server context. */
    static NettyTestServer guardedTls(AlbNetty alb, SSLContext tls) {
        return new NettyTestServer(alb, false, tls);
    }

    int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    /**
     * What the application saw: the request line, each header line as {@code name=value} (name in lower case), then
     * {@code body=} and the body, one per line.
     */
    static String describe(FullHttpRequest request) {
        StringBuilder text = new StringBuilder(request.method().name()).append(' ').append(request.uri()).append('\n');
        for (Map.Entry<String, String> line : request.headers()) {
            text.append(line.getKey().toLowerCase(Locale.ROOT)).append('=').append(line.getValue()).append('\n');
        }
        return text.append("body=").append(request.content().toString(StandardCharsets.ISO_8859_1)).append('\n')
                .toString();
    }

    private static final class Echo extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            // answered later, as an application that works off the event loop does: the requests read with it, a
            // refused one included, are all read by then
            request.retain();
            ctx.executor().execute(() -> {
                try {
                    answer(ctx, request);
                } finally {
                    request.release();
                }
            });
        }

        private static void answer(ChannelHandlerContext ctx, FullHttpRequest request) {
            boolean failed = request.decoderResult().isFailure();
            FullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(),
                    failed ? HttpResponseStatus.BAD_REQUEST : HttpResponseStatus.OK,
                    Unpooled.copiedBuffer(failed ? "bad request\n" : describe(request), StandardCharsets.ISO_8859_1));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN);
            HttpUtil.setContentLength(response, response.content().readableBytes());
            boolean keepAlive = !failed && HttpUtil.isKeepAlive(request);
            HttpUtil.setKeepAlive(response, keepAlive);
            if (keepAlive) {
                ctx.writeAndFlush(response);
            } else {
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
        }
    }
}
