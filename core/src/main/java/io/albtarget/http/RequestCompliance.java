package io.albtarget.http;

import io.albtarget.AlbSettings;
import io.albtarget.RequestView;
import io.albtarget.Verdict;
import io.albtarget.host.HostPolicy;
import org.jspecify.annotations.Nullable;

/**
 * Judges a parsed request the way a target behind an ALB must: every header line's syntax, the Host header, and
 * how the body is framed. The first rule a request breaks decides the verdict.
 *
 * <pre>{@code
 * RequestCompliance compliance = RequestCompliance.of(settings);
 * Verdict verdict = compliance.judge(view);
 * if (!verdict.isAccepted()) {
 *     // answer verdict.status() with verdict.reason() and close the connection
 * }
 * }</pre>
 *
 * <p>Judging a clean request allocates nothing. Instances are immutable and thread-safe.
 */
public final class RequestCompliance {

    private static final int HOST_LENGTH = 4;
    private static final int CONTENT_LENGTH_LENGTH = 14;
    private static final int TRANSFER_ENCODING_LENGTH = 17;

    private final HostPolicy hosts;

    private RequestCompliance(HostPolicy hosts) {
        this.hosts = hosts;
    }

    /**
     * The rules for a target group.
     *
     * @throws IllegalArgumentException if {@code alb.hosts.allowed} or {@code alb.hosts.allowed-cidrs} holds an
     *     invalid entry
     */
    public static RequestCompliance of(AlbSettings settings) {
        return new RequestCompliance(HostPolicy.of(settings.allowedHosts(), settings.allowedCidrs()));
    }

    /** Judges one request: accepted, or the status and reason to answer. */
    public Verdict judge(RequestView request) {
        long contentLength = -1;
        int chunked = 0;
        boolean transferCoded = false;
        int hostLines = 0;
        @Nullable String host = null;
        for (int i = 0, n = request.headerCount(); i < n; i++) {
            String name = request.headerName(i);
            String value = request.headerValue(i);
            Verdict line = HeaderLineRule.judge(name, value);
            if (!line.isAccepted()) {
                return line;
            }
            // the length tells the three names that matter apart before any comparison of characters
            switch (name.length()) {
                case HOST_LENGTH:
                    if (name.equalsIgnoreCase("host")) {
                        hostLines++;
                        host = value;
                    }
                    break;
                case CONTENT_LENGTH_LENGTH:
                    if (name.equalsIgnoreCase("content-length")) {
                        long length = FramingRule.contentLength(value);
                        if (length == -1) {
                            return FramingRule.INVALID_LENGTH;
                        }
                        if (length == -2 || contentLength >= 0 && length != contentLength) {
                            return FramingRule.DIFFERING_LENGTHS;
                        }
                        contentLength = length;
                    }
                    break;
                case TRANSFER_ENCODING_LENGTH:
                    if (name.equalsIgnoreCase("transfer-encoding")) {
                        int count = FramingRule.chunkedCount(value);
                        if (count < 0) {
                            return FramingRule.UNSUPPORTED_CODING;
                        }
                        chunked += count;
                        transferCoded = true;
                    }
                    break;
                default:
                    break;
            }
        }
        if (chunked > 1) {
            return FramingRule.CHUNKED_TWICE;
        }
        if (transferCoded && contentLength >= 0) {
            return FramingRule.BOTH_LENGTH_AND_CODING;
        }
        return hosts.judge(hostLines, host, request);
    }
}
