package io.albtarget.internal.http;

import io.albtarget.AlbSettings.DesyncMitigationMode;
import io.albtarget.AlbSettings;
import io.albtarget.http.DesyncReason;
import io.albtarget.http.DesyncTier;
import io.albtarget.internal.Log;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a target does with requests the ALB's desync classification flags, per {@code alb.desync-mitigation-mode},
 * and how many it has seen of each reason.
 *
 * <ul>
 *   <li>{@code defensive} (the ALB's default): compliant requests, and a GET or HEAD with {@code Content-Length: 0},
 *       are served; a GET or HEAD with a body is served and its connection closed afterwards, as the ALB closes
 *       connections after an Ambiguous request; everything else is refused with 400 and a close.</li>
 *   <li>{@code strictest}: every request that is not compliant is refused.</li>
 *   <li>{@code monitor}: nothing is refused for its classification; what the ALB would have done is logged at
 *       DEBUG, at most once a second.</li>
 * </ul>
 * In every mode the transfer codings the ALB answers with 501 get 501, and a body framing albtarget cannot follow
 * byte for byte (several Content-Lengths, Content-Length with Transfer-Encoding, a coding list other than one
 * {@code chunked}) is refused, since the guard would otherwise lose track of where the next request starts.
 *
 * <p>Instances are thread-safe; one serves every connection of a target.
 */
public final class DesyncPolicy {

    /** What happens to one request. */
    enum Action {
        SERVE, CLOSE, REFUSE
    }

    private static final Log LOG = Log.of(DesyncPolicy.class);
    private static final long LOG_INTERVAL_NANOS = 1_000_000_000L;

    private final DesyncMitigationMode mode;
    private final LongAdder[] seen = new LongAdder[DesyncReason.values().length];
    private final AtomicLong nextLog = new AtomicLong(System.nanoTime());

    private DesyncPolicy(DesyncMitigationMode mode) {
        this.mode = mode;
        for (int i = 0; i < seen.length; i++) {
            seen[i] = new LongAdder();
        }
    }

    /** The policy of {@code alb.desync-mitigation-mode}. */
    public static DesyncPolicy of(AlbSettings settings) {
        return new DesyncPolicy(settings.desyncMitigationMode());
    }

    /** The policy of a mode. */
    public static DesyncPolicy of(DesyncMitigationMode mode) {
        return new DesyncPolicy(Objects.requireNonNull(mode, "'mode' must not be null"));
    }

    /** The mode. */
    public DesyncMitigationMode mode() {
        return mode;
    }

    /** How many requests of each reason other than compliant were seen (or an empty map). */
    public Map<DesyncReason, Long> counts() {
        Map<DesyncReason, Long> counts = new EnumMap<>(DesyncReason.class);
        for (DesyncReason reason : DesyncReason.values()) {
            long count = seen[reason.ordinal()].sum();
            if (count > 0) {
                counts.put(reason, count);
            }
        }
        return counts;
    }

    Action action(DesyncReason reason) {
        if (reason == DesyncReason.COMPLIANT || mode == DesyncMitigationMode.MONITOR) {
            return Action.SERVE;
        }
        if (mode == DesyncMitigationMode.STRICTEST) {
            return Action.REFUSE;
        }
        switch (reason.defensive()) {
            case CLOSE:
                return Action.CLOSE;
            case REFUSE:
                return Action.REFUSE;
            default:
                return Action.SERVE;
        }
    }

    /** Counts a classified request, and in monitor mode says what the ALB would have done with it. */
    void record(DesyncReason reason) {
        if (reason == DesyncReason.COMPLIANT) {
            return;
        }
        seen[reason.ordinal()].increment();
        if (mode == DesyncMitigationMode.MONITOR) {
            long now = System.nanoTime();
            long next = nextLog.get();
            if (now - next >= 0 && nextLog.compareAndSet(next, now + LOG_INTERVAL_NANOS)) {
                LOG.debug(() -> "albtarget (monitor mode) served a request the ALB classifies " + reason.tier()
                        + " (" + reason.albName() + ": " + reason.sentence() + "); in its defensive mode the ALB "
                        + albWould(reason.tier()));
            }
        }
    }

    private static String albWould(DesyncTier tier) {
        switch (tier) {
            case SEVERE:
                return "answers 400 and closes the connection";
            case AMBIGUOUS:
                return "forwards it and closes the connection afterwards";
            default:
                return "forwards it";
        }
    }
}
