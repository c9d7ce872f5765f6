package io.albtarget.servlet.undertow;

import io.albtarget.Verdict;
import io.albtarget.internal.http.Refusal;
import io.albtarget.internal.http.RequestHeadGuard;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.jspecify.annotations.Nullable;
import org.xnio.channels.StreamSourceChannel;
import org.xnio.conduits.AbstractStreamSinkConduit;
import org.xnio.conduits.ConduitWritableByteChannel;
import org.xnio.conduits.Conduits;
import org.xnio.conduits.StreamSinkConduit;

/**
 * The write side of a guarded connection: shows the guard every response byte that reached the socket, so a
 * {@code 101} answer to an upgrade request switches the connection to pass-through and any other answer keeps it
 * guarded.
 *
 * <p>Only bytes the next conduit accepted are shown, once each, since a partial write is retried with the rest.
 * Not thread-safe on its own: it shares its connection's guard with {@link GuardedSourceConduit} under the
 * guard's lock, and Undertow writes one connection from one thread at a time.
 */
final class GuardedSinkConduit extends AbstractStreamSinkConduit<StreamSinkConduit> {

    private final RequestHeadGuard guard;
    /** albtarget's refusal still to write in place of what Undertow writes next, or null. */
    private volatile @Nullable ByteBuffer refusal;
    /** Start positions of a gathering write's buffers, kept between writes so writing allocates nothing. */
    private int[] starts = new int[8];

    /** A write of the next conduit. */
    @FunctionalInterface
    private interface Write {
        int apply(ByteBuffer src) throws IOException;
    }

    /** A gathering write of the next conduit. */
    @FunctionalInterface
    private interface GatheringWrite {
        long apply(ByteBuffer[] srcs, int offs, int len) throws IOException;
    }

    // made once, so that writing allocates nothing
    private final Write plainWrite = src -> next.write(src);
    private final Write finalWrite = src -> next.writeFinal(src);
    private final GatheringWrite plainGather = (srcs, offs, len) -> next.write(srcs, offs, len);
    private final GatheringWrite finalGather = (srcs, offs, len) -> next.writeFinal(srcs, offs, len);

    GuardedSinkConduit(StreamSinkConduit next, RequestHeadGuard guard) {
        super(next);
        this.guard = guard;
    }

    /**
     * The source refused a head and is about to fail Undertow's read: the answer Undertow writes next (its fixed
     * {@code 400 Bad Request} with an empty body, then a close) is replaced by albtarget's refusal.
     */
    void answerRefusalWith(Verdict verdict) {
        refusal = ByteBuffer.wrap(Refusal.answer(verdict).wire());
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return refusal != null ? (int) replaced(src) : watched(src, plainWrite);
    }

    @Override
    public int writeFinal(ByteBuffer src) throws IOException {
        return refusal != null ? (int) replaced(src) : watched(src, finalWrite);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offs, int len) throws IOException {
        return refusal != null ? replaced(srcs, offs, len) : watched(srcs, offs, len, plainGather);
    }

    @Override
    public long writeFinal(ByteBuffer[] srcs, int offs, int len) throws IOException {
        return refusal != null ? replaced(srcs, offs, len) : watched(srcs, offs, len, finalGather);
    }

    /**
     * Writes the refusal instead of Undertow's bytes, reporting those as written only once the refusal is, so that
     * Undertow, which writes until its buffer is empty and then closes, closes after the whole refusal.
     */
    private long replaced(ByteBuffer... srcs) throws IOException {
        return replaced(srcs, 0, srcs.length);
    }

    private long replaced(ByteBuffer[] srcs, int offs, int len) throws IOException {
        ByteBuffer answer = refusal;
        if (answer == null) {
            return 0;
        }
        next.write(answer);
        if (answer.hasRemaining()) {
            return 0;
        }
        long taken = 0;
        for (int i = offs; i < offs + len; i++) {
            taken += srcs[i].remaining();
            srcs[i].position(srcs[i].limit());
        }
        return taken;
    }

    private int watched(ByteBuffer src, Write write) throws IOException {
        int start = src.position();
        int written = write.apply(src);
        watch(src, start);
        return written;
    }

    private long watched(ByteBuffer[] srcs, int offs, int len, GatheringWrite write) throws IOException {
        rememberStarts(srcs, offs, len);
        long written = write.apply(srcs, offs, len);
        watch(srcs, offs, len);
        return written;
    }

    // The transfers below would move bytes past the watch; they go through write(...) instead, which costs
    // zero-copy file sending on guarded connections.

    @Override
    public long transferFrom(FileChannel src, long position, long count) throws IOException {
        return src.transferTo(position, count, new ConduitWritableByteChannel(this));
    }

    @Override
    public long transferFrom(StreamSourceChannel source, long count, ByteBuffer throughBuffer) throws IOException {
        return Conduits.transfer(source, count, throughBuffer, this);
    }

    private void rememberStarts(ByteBuffer[] srcs, int offs, int len) {
        if (starts.length < len) {
            starts = new int[len];
        }
        for (int i = 0; i < len; i++) {
            starts[i] = srcs[offs + i].position();
        }
    }

    private void watch(ByteBuffer[] srcs, int offs, int len) {
        for (int i = 0; i < len; i++) {
            watch(srcs[offs + i], starts[i]);
        }
    }

    /** Shows the guard {@code src[start, position)}, the bytes just written, and leaves the buffer as it was. */
    private void watch(ByteBuffer src, int start) {
        synchronized (guard) {
            guard.onResponseWritten(src, start);
        }
    }
}
