package io.albtarget.compat.emulator;

import io.albtarget.internal.probe.HttpProbe;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The connections to one target: a request takes the most recently released idle connection, or opens a new one
 * within the ALB's connect timeout of 10 s. Confined to the emulator's event loop.
 */
final class BackendPool {

    private final InetSocketAddress target;
    private final Bootstrap bootstrap;
    private final Deque<BackendConnection> idle = new ArrayDeque<>();
    private final Set<BackendConnection> open = new HashSet<>();

    BackendPool(InetSocketAddress target, EventLoop loop, Duration idleTimeout) {
        this.target = target;
        BackendPool pool = this;
        this.bootstrap = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) HttpProbe.ALB_CONNECT_TIMEOUT.toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        BackendConnection.install(channel, pool, idleTimeout);
                    }
                });
    }

    void send(FullHttpRequest request, Reply reply) {
        BackendConnection pooled = idle.pollFirst();
        if (pooled != null) {
            pooled.send(request, reply, true);
            return;
        }
        ChannelFuture connect = bootstrap.connect(target);
        connect.addListener(done -> {
            if (!done.isSuccess()) {
                request.release();
                Throwable cause = done.cause();
                if (cause instanceof ConnectTimeoutException) {
                    reply.error(504, "no connection within the connect timeout of 10s");
                } else {
                    reply.error(502, (cause instanceof ConnectException ? "connection refused" : "connect failed")
                            + " (" + cause.getMessage() + ")");
                }
                return;
            }
            BackendConnection connection = BackendConnection.of(connect.channel());
            open.add(connection);
            connection.send(request, reply, false);
        });
    }

    void release(BackendConnection connection) {
        idle.addFirst(connection);
    }

    void closed(BackendConnection connection) {
        idle.remove(connection);
        open.remove(connection);
    }

    /** Closes every connection; requests outstanding on them fail with this reason. */
    void closeAll(String reason) {
        List.copyOf(open).forEach(connection -> connection.close(reason));
    }
}
