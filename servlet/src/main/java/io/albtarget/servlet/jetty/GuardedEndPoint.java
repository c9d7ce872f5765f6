package io.albtarget.servlet.jetty;

import io.albtarget.internal.http.Refusal;
import io.albtarget.internal.http.RequestHeadGuard;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.WritePendingException;
import java.util.concurrent.Executor;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * The end point Jetty's HTTP/1.1 connection reads through: every byte filled from the connection's own end point
 * passes the {@link RequestHeadGuard} first, and every response byte is shown to it (for the answer to an upgrade).
 *
 * <p>On a refusal the fill hands Jetty the bytes before the refused one. Jetty answers the requests those complete,
 * then asks to fill again for the rest of the refused head (at once, since the end point says it is readable): that
 * fill writes albtarget's refusal itself (Jetty has no request to answer yet, and every earlier response has been
 * written by then, as Jetty answers one request at a time) and closes the connection once it is written. Everything
 * else is the wrapped end point's.
 *
 * <p>Jetty fills and flushes one connection from one thread at a time; the guard is used under its own lock.
 */
final class GuardedEndPoint implements EndPoint {

    private final EndPoint endPoint;
    private final RequestHeadGuard guard;
    private final Executor executor;
    private boolean answered;

    GuardedEndPoint(EndPoint endPoint, RequestHeadGuard guard, Executor executor) {
        this.endPoint = endPoint;
        this.guard = guard;
        this.executor = executor;
    }

    /** Whether a refusal waits for Jetty's next fill to be written: the socket may have nothing more to read. */
    private boolean refusalPending() {
        synchronized (guard) {
            return !guard.refusal().isAccepted() && !answered;
        }
    }

    @Override
    public int fill(ByteBuffer buffer) throws IOException {
        synchronized (guard) {
            if (!guard.refusal().isAccepted()) {
                return answerRefusal();
            }
            int filled = endPoint.fill(buffer);
            if (filled <= 0) {
                return filled;
            }
            // Jetty fills a buffer in flush mode: the new bytes end at its limit (an empty one starts over at 0)
            int start = buffer.limit() - filled;
            int refused = guard.scan(buffer, start, buffer.limit());
            if (refused < 0) {
                return filled;
            }
            buffer.limit(refused);
            // with nothing before the refused byte, Jetty would wait for bytes that never come
            return refused == start ? answerRefusal() : refused - start;
        }
    }

    /** Writes the refusal once and closes the connection after it; Jetty reads nothing more. */
    private int answerRefusal() {
        if (!answered) {
            answered = true;
            Callback close = Callback.from(endPoint::close, endPoint::close);
            try {
                endPoint.write(close, ByteBuffer.wrap(Refusal.answer(guard.refusal()).wire()));
            } catch (WritePendingException e) {
                endPoint.close(e);
            }
        }
        return 0;
    }

    @Override
    public boolean flush(ByteBuffer... buffers) throws IOException {
        int[] starts = new int[buffers.length];
        for (int i = 0; i < buffers.length; i++) {
            starts[i] = buffers[i].position();
        }
        boolean flushed = endPoint.flush(buffers);
        synchronized (guard) {
            for (int i = 0; i < buffers.length; i++) {
                guard.onResponseWritten(buffers[i], starts[i]);
            }
        }
        return flushed;
    }

    @Override
    public void write(Callback callback, ByteBuffer... buffers) {
        watch(buffers);
        endPoint.write(callback, buffers);
    }

    @Override
    public void write(Callback callback, SocketAddress address, ByteBuffer... buffers) {
        watch(buffers);
        endPoint.write(callback, address, buffers);
    }

    @Override
    public void write(boolean last, ByteBuffer buffer, Callback callback) {
        watch(buffer);
        endPoint.write(last, buffer, callback);
    }

    /** Shows the guard bytes about to be written: an asynchronous write writes them all. */
    private void watch(ByteBuffer... buffers) {
        synchronized (guard) {
            for (ByteBuffer buffer : buffers) {
                guard.onResponse(buffer);
            }
        }
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return endPoint.getLocalSocketAddress();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return endPoint.getRemoteSocketAddress();
    }

    @Override
    public boolean isOpen() {
        return endPoint.isOpen();
    }

    @Override
    public long getCreatedTimeStamp() {
        return endPoint.getCreatedTimeStamp();
    }

    @Override
    public void shutdownOutput() {
        endPoint.shutdownOutput();
    }

    @Override
    public boolean isOutputShutdown() {
        return endPoint.isOutputShutdown();
    }

    @Override
    public boolean isInputShutdown() {
        return endPoint.isInputShutdown();
    }

    @Override
    public void close() {
        endPoint.close();
    }

    @Override
    public void close(@Nullable Throwable cause) {
        endPoint.close(cause);
    }

    @Override
    public Object getTransport() {
        return endPoint.getTransport();
    }

    @Override
    public long getIdleTimeout() {
        return endPoint.getIdleTimeout();
    }

    @Override
    public void setIdleTimeout(long idleTimeout) {
        endPoint.setIdleTimeout(idleTimeout);
    }

    @Override
    public void fillInterested(Callback callback) {
        if (refusalPending()) {
            executor.execute(callback::succeeded);
        } else {
            endPoint.fillInterested(callback);
        }
    }

    @Override
    public boolean tryFillInterested(Callback callback) {
        if (refusalPending()) {
            executor.execute(callback::succeeded);
            return true;
        }
        return endPoint.tryFillInterested(callback);
    }

    @Override
    public boolean isFillInterested() {
        return endPoint.isFillInterested();
    }

    @Override
    public Callback cancelWrite(Throwable cause) {
        return endPoint.cancelWrite(cause);
    }

    @Override
    public Connection getConnection() {
        return endPoint.getConnection();
    }

    @Override
    public void setConnection(Connection connection) {
        endPoint.setConnection(connection);
    }

    @Override
    public void onOpen() {
        endPoint.onOpen();
    }

    @Override
    public void onClose(@Nullable Throwable cause) {
        endPoint.onClose(cause);
    }

    @Override
    public void upgrade(Connection newConnection) {
        endPoint.upgrade(newConnection);
    }

    @Override
    public @Nullable SslSessionData getSslSessionData() {
        return endPoint.getSslSessionData();
    }

    @Override
    public boolean isSecure() {
        return endPoint.isSecure();
    }

    @Override
    public String toString() {
        return "guarded " + endPoint;
    }
}
