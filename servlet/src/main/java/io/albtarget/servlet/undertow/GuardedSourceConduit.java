package io.albtarget.servlet.undertow;

import io.albtarget.Verdict;
import io.albtarget.internal.http.RefusedRequestHeadException;
import io.albtarget.internal.http.RequestHeadGuard;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.ConduitReadableByteChannel;
import org.xnio.conduits.Conduits;
import org.xnio.conduits.StreamSourceConduit;

/**
 * The read side of a guarded connection: every byte read from the socket is scanned before Undertow sees it.
 *
 * <p>On a refusal the bytes before the refused one are handed over and the next read throws
 * {@link RefusedRequestHeadException}, which Undertow's request parser answers with its 400 and a close, after the
 * responses to earlier pipelined requests; {@link GuardedSinkConduit} writes albtarget's refusal in place of that
 * 400. The refused bytes themselves are dropped.
 *
 * <p>Not thread-safe on its own: it shares its connection's guard with {@link GuardedSinkConduit} under the
 * guard's lock, and Undertow reads one connection from one thread at a time.
 */
final class GuardedSourceConduit extends AbstractStreamSourceConduit<StreamSourceConduit> {

    private final RequestHeadGuard guard;
    private final GuardedSinkConduit sink;
    private boolean refused;

    GuardedSourceConduit(StreamSourceConduit next, RequestHeadGuard guard, GuardedSinkConduit sink) {
        super(next);
        this.guard = guard;
        this.sink = sink;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        failIfRefused();
        int read = readAndScan(dst);
        if (read == 0 && refused) {
            // nothing to hand over: if this read returned 0, no later readiness event would come to throw from
            throw refusal();
        }
        return read;
    }

    @Override
    public long read(ByteBuffer[] dsts, int offs, int len) throws IOException {
        failIfRefused();
        // one buffer at a time, so a refusal inside one buffer leaves the later ones untouched
        long total = 0;
        for (int i = offs; i < offs + len && !refused; i++) {
            ByteBuffer dst = dsts[i];
            if (!dst.hasRemaining()) {
                continue;
            }
            int read = readAndScan(dst);
            if (read < 0) {
                return total == 0 ? -1 : total;
            }
            total += read;
            if (dst.hasRemaining()) {
                break;
            }
        }
        if (total == 0 && refused) {
            throw refusal();
        }
        return total;
    }

    // The transfers below would move socket bytes past the scan; they go through read(...) instead.

    @Override
    public long transferTo(long position, long count, FileChannel target) throws IOException {
        return target.transferFrom(new ConduitReadableByteChannel(this), position, count);
    }

    @Override
    public long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target) throws IOException {
        return Conduits.transfer(this, count, throughBuffer, target);
    }

    /** Reads into {@code dst} and scans the new bytes; on a refusal keeps only those before the refused byte. */
    private int readAndScan(ByteBuffer dst) throws IOException {
        int start = dst.position();
        int read = next.read(dst);
        if (read <= 0) {
            return read;
        }
        int kept;
        synchronized (guard) {
            kept = guard.scanRead(dst, start);
        }
        refused = kept < read;
        return kept;
    }

    private void failIfRefused() {
        if (refused) {
            throw refusal();
        }
    }

    /** The failure for Undertow's parser, whose 400 the sink then turns into albtarget's refusal. */
    private RefusedRequestHeadException refusal() {
        Verdict verdict;
        synchronized (guard) {
            verdict = guard.refusal();
        }
        sink.answerRefusalWith(verdict);
        return new RefusedRequestHeadException(verdict);
    }
}
