package io.albtarget.servlet.tomcat;

import io.albtarget.internal.http.DesyncPolicy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.NioEndpoint;
import org.apache.tomcat.util.net.SocketBufferHandler;
import org.jspecify.annotations.Nullable;

/** A plain-text NIO channel whose reads pass its {@link ChannelGuard}. */
final class GuardedNioChannel extends NioChannel {

    private final ChannelGuard guard;
    // made once, so that reads and writes allocate nothing
    private final ChannelGuard.Transfer scatteringRead = super::read;
    private final ChannelGuard.Transfer gatheringWrite = super::write;

    GuardedNioChannel(SocketBufferHandler buffer, DesyncPolicy policy) {
        super(buffer);
        this.guard = new ChannelGuard(policy);
    }

    @Override
    public void reset(@Nullable SocketChannel channel, NioEndpoint.@Nullable NioSocketWrapper socketWrapper)
            throws IOException {
        super.reset(channel, socketWrapper);
        guard.reset();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        guard.beforeRead();
        return guard.afterRead(dst, super.read(dst));
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return guard.read(dsts, offset, length, scatteringRead);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int start = src.position();
        int written = super.write(src);
        guard.afterWrite(src, start);
        return written;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return guard.write(srcs, offset, length, gatheringWrite);
    }
}
