package io.albtarget.servlet.tomcat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.NioEndpoint;
import org.apache.tomcat.util.net.SocketBufferHandler;
import org.jspecify.annotations.Nullable;

/** A plain-text NIO channel whose reads pass its {@link ChannelGuard}. */
final class GuardedNioChannel extends NioChannel {

    private final ChannelGuard guard = new ChannelGuard();

    GuardedNioChannel(SocketBufferHandler buffer) {
        super(buffer);
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
        guard.beforeRead(dsts, offset, length);
        return guard.afterRead(dsts, offset, length, super.read(dsts, offset, length));
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
        guard.beforeWrite(srcs, offset, length);
        long written = super.write(srcs, offset, length);
        guard.afterWrite(srcs, offset, length);
        return written;
    }
}
