package io.albtarget.servlet.tomcat;

import io.albtarget.internal.http.DesyncPolicy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import org.apache.tomcat.util.net.ApplicationBufferHandler;
import org.apache.tomcat.util.net.NioEndpoint;
import org.apache.tomcat.util.net.SecureNioChannel;
import org.apache.tomcat.util.net.SocketBufferHandler;
import org.jspecify.annotations.Nullable;

/** A TLS NIO channel whose decrypted reads pass its {@link ChannelGuard}. */
final class GuardedSecureNioChannel extends SecureNioChannel {

    private final ChannelGuard guard;
    // made once, so that reads and writes allocate nothing
    private final ChannelGuard.Transfer scatteringRead = super::read;
    private final ChannelGuard.Transfer gatheringWrite = super::write;

    GuardedSecureNioChannel(SocketBufferHandler buffer, NioEndpoint endpoint, DesyncPolicy policy) {
        super(buffer, endpoint);
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
        ByteBuffer socketBuffer = getBufHandler().getReadBuffer();
        ApplicationBufferHandler application = getAppReadBufHandler();
        @Nullable ByteBuffer applicationBuffer = application == null ? null : application.getByteBuffer();
        int read = super.read(dst);
        // when the TLS session needs larger buffers, Tomcat decrypts into a larger copy of the one it was given
        ByteBuffer filled = dst == socketBuffer ? getBufHandler().getReadBuffer()
                : application != null && dst == applicationBuffer ? application.getByteBuffer() : dst;
        return guard.afterRead(filled, read);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return guard.read(dsts, offset, length, scatteringRead);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        // Tomcat also writes its encrypted output buffer through here; only application bytes are responses
        boolean response = src != netOutBuffer;
        int start = src.position();
        int written = super.write(src);
        if (response) {
            guard.afterWrite(src, start);
        }
        return written;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return guard.write(srcs, offset, length, gatheringWrite);
    }
}
