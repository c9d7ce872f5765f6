package io.albtarget.benchmarks;

import io.albtarget.internal.http.RequestHeadGuard;
import java.nio.ByteBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * What the byte guard ahead of Tomcat's and Undertow's parsers costs per request head of 10 or 25 field lines, in
 * a heap buffer (Tomcat's default) and a direct one (Undertow's).
 *
 * <p>{@link #keptAlive} is the figure that matters: the ALB reuses its connections to a target, so nearly every
 * head arrives on a connection whose guard has just followed the previous request to its end.
 * {@link #firstOnConnection} is the first head of a new connection, where the guard must also rule out the HTTP/2
 * preface. {@link #findLineEnds} is the baseline: one pass over the same bytes looking for line feeds, the least
 * any parser does.
 */
public class RequestHeadGuardBenchmark extends ShortRun {

    @Param({"10", "25"})
    int headers;

    @Param({"true", "false"})
    boolean direct;

    private final RequestHeadGuard guard = new RequestHeadGuard();
    private ByteBuffer head;

    @Setup
    public void setUp() {
        byte[] bytes = Requests.head(headers);
        head = direct ? ByteBuffer.allocateDirect(bytes.length) : ByteBuffer.allocate(bytes.length);
        head.put(bytes).flip();
        // the connection has carried a request before
        guard.scan(head);
    }

    /** The next head on a kept-alive connection: the guard is not reset between heads. */
    @Benchmark
    public int keptAlive() {
        return guard.scan(head);
    }

    /** The first head on a new connection. */
    @Benchmark
    public int firstOnConnection() {
        guard.reset();
        return guard.scan(head);
    }

    @Benchmark
    public int findLineEnds() {
        int lines = 0;
        for (int i = head.position(), n = head.limit(); i < n; i++) {
            if (head.get(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }
}
