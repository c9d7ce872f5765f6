package io.albtarget.benchmarks;

import io.albtarget.AlbSettings;
import io.albtarget.RequestView;
import io.albtarget.Verdict;
import io.albtarget.http.RequestCompliance;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * What the filter costs per request: every header-line rule, the framing rules and the Host policy, judged over a
 * request of 10 or 25 field lines. {@link #readEveryCharacter} is the baseline: reading each name and value once,
 * the least any rule over the request could cost.
 */
public class RequestComplianceBenchmark extends ShortRun {

    @Param({"10", "25"})
    int headers;

    @Param({"CLEAN", "ALB_HEALTH_CHECK_HOST", "FOREIGN_HOST", "NON_CANONICAL_HOST", "EMPTY_NAME", "CONTROL_IN_VALUE",
        "TRANSFER_ENCODING_GZIP", "DIFFERING_CONTENT_LENGTHS"})
    Requests.Variant request;

    private RequestCompliance compliance;
    private RequestView view;

    @Setup
    public void setUp() {
        compliance = RequestCompliance.of(AlbSettings.builder().allowedHosts(List.of(Requests.SERVED_NAME)).build());
        view = Requests.view(headers, request);
    }

    @Benchmark
    public Verdict judge() {
        return compliance.judge(view);
    }

    @Benchmark
    public int readEveryCharacter() {
        int sum = 0;
        for (int i = 0, n = view.headerCount(); i < n; i++) {
            String name = view.headerName(i);
            for (int c = 0; c < name.length(); c++) {
                sum += name.charAt(c);
            }
            String value = view.headerValue(i);
            for (int c = 0; c < value.length(); c++) {
                sum += value.charAt(c);
            }
        }
        return sum;
    }
}
