package io.albtarget.servlet.tomcat;

import io.albtarget.Verdict;
import io.albtarget.internal.http.DesyncPolicy;
import io.albtarget.internal.http.RefusedRequestHeadException;
import io.albtarget.internal.http.RequestHeadGuard;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * The guard of one pooled channel: scans what a read put into Tomcat's buffers, hands over only the bytes before a
 * refused one, and makes the read after that throw, which Tomcat's HTTP/1.1 processor answers with its own 400.
 *
 * <p>Tomcat reads into a buffer in write mode: the new bytes end at the buffer's position after the read. The
 * buffers are looked at in place, with their position and limit restored, so nothing is allocated per read.
 * Not thread-safe: Tomcat reads and writes an HTTP/1.1 connection from one thread at a time.
 */
final class ChannelGuard {

    private final RequestHeadGuard guard;
    private @Nullable Verdict refusal;
    private int[] readStarts = new int[0];
    private int[] writeStarts = new int[0];

    ChannelGuard(DesyncPolicy policy) {
        this.guard = new RequestHeadGuard(policy);
    }

    /** Readies the guard for the channel's next connection. */
    void reset() {
        guard.reset();
        refusal = null;
    }

    /**
     * Throws once bytes were refused, so that Tomcat stops parsing where the refused bytes would have begun.
     *
     * @throws RefusedRequestHeadException if an earlier read was cut short at a refused byte
     */
    void beforeRead() {
        Verdict verdict = refusal;
        if (verdict != null) {
            throw new RefusedRequestHeadException(verdict);
        }
    }

    /**
     * Scans the {@code count} bytes a read just put before {@code buffer}'s position.
     *
     * @return how many of them Tomcat may have: {@code count}, or fewer when a byte was refused
     * @throws RefusedRequestHeadException if the very first new byte was refused, since returning 0 would make
     *     Tomcat wait for bytes that were already read
     */
    int afterRead(ByteBuffer buffer, int count) {
        if (count <= 0) {
            return count;
        }
        int kept = guard.scanRead(buffer, buffer.position() - count);
        return kept == count ? count : refuse(kept);
    }

    /** A scattering read or gathering write of the channel the guard belongs to. */
    @FunctionalInterface
    interface Transfer {
        long apply(ByteBuffer[] buffers, int offset, int length) throws IOException;
    }

    /**
     * A scattering read through the guard.
     *
     * @return how many bytes Tomcat may have
     * @throws RefusedRequestHeadException if an earlier read was cut short at a refused byte, or this one read
     *     nothing but refused bytes
     */
    long read(ByteBuffer[] buffers, int offset, int length, Transfer read) throws IOException {
        beforeRead(buffers, offset, length);
        return afterRead(buffers, offset, length, read.apply(buffers, offset, length));
    }

    /** A gathering write whose bytes the guard watches for the answer to an upgrade. */
    long write(ByteBuffer[] buffers, int offset, int length, Transfer write) throws IOException {
        beforeWrite(buffers, offset, length);
        long written = write.apply(buffers, offset, length);
        afterWrite(buffers, offset, length);
        return written;
    }

    /** Remembers where each buffer of a scattering read starts, while the guard still looks at the connection. */
    private void beforeRead(ByteBuffer[] buffers, int offset, int length) {
        beforeRead();
        if (guard.isPassThrough()) {
            return;
        }
        readStarts = positions(readStarts, buffers, offset, length);
    }

    /**
     * Scans what a scattering read added to each buffer (the buffers may have been replaced by larger copies, which
     * keep their positions).
     *
     * @return how many bytes Tomcat may have: {@code count}, or fewer when a byte was refused
     * @throws RefusedRequestHeadException if the very first new byte was refused
     */
    private long afterRead(ByteBuffer[] buffers, int offset, int length, long count) {
        if (count <= 0 || guard.isPassThrough()) {
            return count;
        }
        long kept = 0;
        for (int i = 0; i < length; i++) {
            ByteBuffer buffer = buffers[offset + i];
            int added = buffer.position() - readStarts[i];
            int passed = guard.scanRead(buffer, readStarts[i]);
            kept += passed;
            if (passed < added) {
                // later buffers give back what the read put there, as if it had stopped at the refused byte
                for (int j = i + 1; j < length; j++) {
                    buffers[offset + j].position(readStarts[j]);
                }
                return refuse(kept);
            }
        }
        return count;
    }

    /** Remembers where each buffer of a gathering write starts, while an upgrade answer may still come. */
    private void beforeWrite(ByteBuffer[] buffers, int offset, int length) {
        if (!guard.isPassThrough()) {
            writeStarts = positions(writeStarts, buffers, offset, length);
        }
    }

    /** Shows the guard the response bytes a write just took from before {@code buffer}'s position. */
    void afterWrite(ByteBuffer buffer, int start) {
        guard.onResponseWritten(buffer, start);
    }

    /** Shows the guard the response bytes a gathering write just took. */
    private void afterWrite(ByteBuffer[] buffers, int offset, int length) {
        if (guard.isPassThrough()) {
            return;
        }
        for (int i = 0; i < length; i++) {
            afterWrite(buffers[offset + i], writeStarts[i]);
        }
    }

    private int refuse(int kept) {
        return (int) refuse((long) kept);
    }

    private long refuse(long kept) {
        refusal = guard.refusal();
        if (kept == 0) {
            beforeRead();
        }
        return kept;
    }

    private static int[] positions(int[] reused, ByteBuffer[] buffers, int offset, int length) {
        int[] starts = reused.length >= length ? reused : new int[length];
        for (int i = 0; i < length; i++) {
            starts[i] = buffers[offset + i].position();
        }
        return starts;
    }
}
