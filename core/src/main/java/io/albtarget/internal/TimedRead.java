package io.albtarget.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * Reads from a socket until a point on the {@link System#nanoTime()} clock, and never gives up before that point:
 * a socket's timeout is whole milliseconds, so a timeout is only taken as final once the clock says the point has
 * passed.
 */
public final class TimedRead {

    /** One read from the socket's stream. */
    @FunctionalInterface
    public interface Read {
        int read() throws IOException;
    }

    private TimedRead() {
    }

    /**
     * Reads what arrives into {@code into}, as {@link InputStream#read(byte[])} does.
     *
     * @param end the {@link System#nanoTime()} after which to give up
     * @return the bytes read, or -1 when the server closed the connection
     * @throws SocketTimeoutException once {@code end} has passed with nothing read
     */
    public static int read(Socket socket, InputStream in, byte[] into, long end) throws IOException {
        return read(socket, end, () -> in.read(into));
    }

    /**
     * Makes one read of the socket's stream, retried while the socket times out before {@code end}.
     *
     * @param end the {@link System#nanoTime()} after which to give up
     * @return what the read returned
     * @throws SocketTimeoutException once {@code end} has passed with nothing read
     */
    public static int read(Socket socket, long end, Read read) throws IOException {
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("nothing to read before the deadline");
            }
            socket.setSoTimeout(millis(left));
            try {
                return read.read();
            } catch (SocketTimeoutException e) {
                // the clock decides whether the deadline has passed, not the socket's timer
            }
        }
    }

    /** A socket timeout for this many nanoseconds: rounded up to whole milliseconds, at least 1 (0 is no timeout). */
    public static int millis(long nanos) {
        long millis = nanos / 1_000_000 + (nanos % 1_000_000 > 0 ? 1 : 0);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, millis));
    }
}
