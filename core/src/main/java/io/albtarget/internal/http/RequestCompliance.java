package io.albtarget.internal.http;

import io.albtarget.AlbSettings;
import io.albtarget.RequestView;
import io.albtarget.Verdict;
import io.albtarget.internal.host.HostPolicy;
import org.jspecify.annotations.Nullable;

/**
 * Judges a parsed request the way a target behind an ALB must: the ALB's desync rules (see {@link DesyncPolicy})
 * and the Host header.
 *
 * <pre>{@code
 * RequestCompliance compliance = RequestCompliance.of(settings);
 * Verdict verdict = compliance.judge(view);
 * if (!verdict.isAccepted()) {
 *     // write Refusal.answer(verdict); the connection closes after it
 * } else if (verdict.closesConnection()) {
 *     // serve it with Connection: close
 * }
 * }</pre>
 *
 * <p>A request that arrived on a port whose connections pass a {@link RequestHeadGuard} (see {@link GuardedPorts})
 * had its bytes judged by the guard already (the target's userinfo included); then only what the guard leaves to the
 * parsed request is judged here: the Host, and whether a body on a GET or HEAD closes the connection. On other ports every rule the parsed request
 * shows is applied: what the server's parser hid (line ends, folds it undid) it cannot show.
 *
 * <p>Judging a clean request on a guarded port allocates nothing. Instances are thread-safe.
 */
public final class RequestCompliance {

    private final HostPolicy hosts;
    private final DesyncPolicy policy;
    private final ThreadLocal<RequestClassifier> classifiers;

    private RequestCompliance(HostPolicy hosts, DesyncPolicy policy) {
        this.hosts = hosts;
        this.policy = policy;
        this.classifiers = ThreadLocal.withInitial(() -> new RequestClassifier(policy));
    }

    /**
     * The rules for a target group, with the desync policy of {@code alb.desync-mitigation-mode}.
     *
     * @throws IllegalArgumentException if {@code alb.hosts.allowed} or {@code alb.hosts.allowed-cidrs} holds an
     *     invalid entry
     */
    public static RequestCompliance of(AlbSettings settings) {
        return of(settings, DesyncPolicy.of(settings));
    }

    /**
     * The rules for a target group, counting with a policy the target shares with its guards.
     *
     * @throws IllegalArgumentException if {@code alb.hosts.allowed} or {@code alb.hosts.allowed-cidrs} holds an
     *     invalid entry
     */
    public static RequestCompliance of(AlbSettings settings, DesyncPolicy policy) {
        return new RequestCompliance(HostPolicy.of(settings.allowedHosts(), settings.allowedCidrs()), policy);
    }

    /** The desync policy the rules apply. */
    public DesyncPolicy policy() {
        return policy;
    }

    /** Judges one request: accepted (maybe closing the connection afterwards), or the status and reason to answer. */
    public Verdict judge(RequestView request) {
        boolean guarded = GuardedPorts.isGuarded(request.localPort());
        RequestClassifier rules = classifiers.get();
        rules.startHead();
        String method = request.method();
        for (int i = 0; i < method.length(); i++) {
            rules.methodByte(HttpChars.byteOf(method.charAt(i)));
        }
        if (!guarded) {
            String target = request.target();
            for (int i = 0; i < target.length(); i++) {
                rules.targetByte(HttpChars.byteOf(target.charAt(i)));
            }
        }
        String protocol = request.protocol();
        for (int i = 0; i < protocol.length(); i++) {
            rules.versionByte(HttpChars.byteOf(protocol.charAt(i)));
        }
        rules.endRequestLine(false);
        int hostLines = 0;
        @Nullable String host = null;
        for (int i = 0, n = request.headerCount(); i < n && rules.refusal() == null; i++) {
            String name = request.headerName(i);
            String value = request.headerValue(i);
            if (name.length() == 4 && name.equalsIgnoreCase("host")) {
                hostLines++;
                host = value;
            }
            field(rules, name, value, guarded);
        }
        if (rules.refusal() == null) {
            rules.endHead();
        }
        if (!guarded) {
            rules.record();
        }
        Verdict refusal = rules.refusal();
        if (refusal != null) {
            return refusal;
        }
        Verdict verdict = hosts.judge(hostLines, host, request);
        if (!verdict.isAccepted()) {
            return verdict;
        }
        if (!guarded) {
            verdict = HostPolicy.judgeTarget(request.target());
            if (!verdict.isAccepted()) {
                return verdict;
            }
        }
        return rules.closesConnection() ? Verdict.acceptAndClose() : Verdict.accept();
    }

    /**
     * Feeds one field line. Behind a guard only the bytes that tell what the field is, and the values of the fields
     * that matter, are fed: the guard judged every byte already. Without one, runs of bytes the rules call plain
     * are only checked against their table.
     */
    private static void field(RequestClassifier rules, String name, String value, boolean guarded) {
        if (guarded && !name.isEmpty() && RequestClassifier.settlesName(HttpChars.byteOf(name.charAt(0)))) {
            // what is left to judge of such a field is its bytes' classes, which the guard judged
            return;
        }
        rules.startField();
        for (int i = 0; i < name.length(); i = skipPlain(name, i + 1, rules.plainNameBytes())) {
            rules.nameByte(HttpChars.byteOf(name.charAt(i)));
            if (guarded && rules.nameSettled()) {
                break;
            }
        }
        rules.endName();
        byte[] plain = rules.plainValueBytes();
        if (!guarded || plain == null) {
            for (int i = skipPlain(value, 0, plain); i < value.length(); i = skipPlain(value, i + 1, plain)) {
                rules.valueByte(HttpChars.byteOf(value.charAt(i)));
            }
        }
        rules.endField();
    }

    /**
     * The index of the first char from {@code from} on whose byte is not plain by the table (see
     * {@link RequestClassifier#plainNameBytes()}), or the length; {@code from} itself without a table.
     */
    private static int skipPlain(String text, int from, byte @Nullable [] plain) {
        int i = from;
        while (plain != null && i < text.length() && plain[HttpChars.byteOf(text.charAt(i))] == HttpChars.FINE) {
            i++;
        }
        return i;
    }
}
