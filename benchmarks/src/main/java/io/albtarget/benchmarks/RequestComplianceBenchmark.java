package io.albtarget.benchmarks;

import io.albtarget.AlbSettings;
import io.albtarget.RequestView;
import io.albtarget.Verdict;
import io.albtarget.internal.http.GuardedPorts;
import io.albtarget.internal.http.RequestCompliance;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the filter costs per request of 10 or 25 field lines, on a port behind albtarget's byte guard
 * ({@link #guardedPort}, the deployed configuration: the guard judged the bytes, the filter reads what tells the
 * fields apart, the framing fields' values and the Host) and on a port without one ({@link #unguardedPort}: every
 * rule the parsed request shows, over every name and value). {@link #readEveryCharacter} is the baseline: reading
 * each name and value once, the least any rule over the whole request could cost.
 */
public class RequestComplianceBenchmark extends ShortRun {

    @Param({"10", "25"})
    int headers;

    @Param({"CLEAN", "ALB_HEALTH_CHECK_HOST", "FOREIGN_HOST", "NON_CANONICAL_HOST", "EMPTY_NAME", "CONTROL_IN_VALUE",
        "TRANSFER_ENCODING_GZIP", "DIFFERING_CONTENT_LENGTHS"})
    Requests.Variant request;

    private RequestCompliance compliance;
    private RequestView guarded;
    private RequestView unguarded;

    @Setup
    public void setUp() {
        compliance = RequestCompliance.of(AlbSettings.builder().allowedHosts(List.of(Requests.SERVED_NAME)).build());
        GuardedPorts.register(Requests.GUARDED_PORT);
        guarded = Requests.view(headers, request, Requests.GUARDED_PORT);
        unguarded = Requests.view(headers, request, Requests.UNGUARDED_PORT);
    }

    @TearDown
    public void tearDown() {
        GuardedPorts.unregister(Requests.GUARDED_PORT);
    }

    @Benchmark
    public Verdict guardedPort() {
        return compliance.judge(guarded);
    }

    @Benchmark
    public Verdict unguardedPort() {
        return compliance.judge(unguarded);
    }

    @Benchmark
    public int readEveryCharacter() {
        int sum = 0;
        for (int i = 0, n = unguarded.headerCount(); i < n; i++) {
            String name = unguarded.headerName(i);
            for (int c = 0; c < name.length(); c++) {
                sum += name.charAt(c);
            }
            String value = unguarded.headerValue(i);
            for (int c = 0; c < value.length(); c++) {
                sum += value.charAt(c);
            }
        }
        return sum;
    }
}
