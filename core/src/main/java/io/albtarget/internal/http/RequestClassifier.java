package io.albtarget.internal.http;

import io.albtarget.Verdict;
import io.albtarget.http.DesyncReason;
import org.jspecify.annotations.Nullable;

/**
 * The ALB's desync classification of one request head, and what the target does with it under a
 * {@link DesyncPolicy}: every rule of {@link DesyncReason}, written once and fed byte by byte, by the request-head
 * guard from the raw bytes of a connection and by the servlet filter from the request the server parsed.
 *
 * <p>The feeder splits the head into its parts (method, target, version, each field's name and value) and reports
 * what only the raw bytes show (line ends, folds, missing colons) with {@link #report}; the classifier judges the
 * parts' bytes, the fields' meaning (Content-Length, Transfer-Encoding, Connection, names that resemble them) and
 * the head as a whole. Two results: the request's {@linkplain #classification() classification}, the reason of the
 * highest tier found first in the ALB's order of checks (parse, fields, framing, method, version, target), and the
 * {@linkplain #refusal() refusal}, the first reason in byte order that the policy refuses, so a feeder can refuse at
 * the very byte that decides it.
 *
 * <p>Judging allocates nothing. One instance judges one head at a time; {@link #startHead()} readies it for the
 * next. Not thread-safe.
 */
final class RequestClassifier {

    /** Where in the ALB's order of checks a reason is found. */
    enum Slot {
        PARSE, FIELDS, FRAMING, METHOD, VERSION, TARGET
    }

    /** What a field is to the rules. */
    enum Field {
        OTHER, CONTENT_LENGTH, TRANSFER_ENCODING, CONNECTION, UPGRADE
    }

    /** A transfer coding the ALB answers with 501 itself, whatever its desync mode (as Tomcat does). */
    static final Verdict UNSUPPORTED_CODING =
            Verdict.reject(501, "Transfer-Encoding other than chunked is not supported");

    /** A body framing albtarget cannot follow byte for byte, refused whatever the mode. */
    static final Verdict UNFOLLOWABLE_CODING =
            Verdict.reject(400, "Transfer-Encoding other than a single chunked coding");

    private static final int VERSION_BYTES = 16;
    private static final byte[] GET = {'G', 'E', 'T'};
    private static final byte[] HEAD = {'H', 'E', 'A', 'D'};
    private static final byte[] CONNECTION = bytes("connection");
    private static final byte[] UPGRADE = bytes("upgrade");
    /** The names that matter, at these indexes. */
    private static final int TRANSFER_ENCODING_NAME = 0;
    private static final int CONTENT_LENGTH_NAME = 1;
    private static final int CONNECTION_NAME = 2;
    private static final int UPGRADE_NAME = 3;
    private static final byte[][] NAMES = {
        Resemblance.TRANSFER_ENCODING, Resemblance.CONTENT_LENGTH, CONNECTION, UPGRADE,
    };
    /**
     * By byte: which of the names that matter a name starting with it may still resemble, one bit each in the order
     * of {@link #NAMES}, found by the automata themselves; most bytes leave none, and settle the name at once.
     */
    private static final byte[] RESEMBLED_AFTER_FIRST_BYTE = new byte[256];

    private final DesyncPolicy policy;
    private final DesyncReason[] found = new DesyncReason[Slot.values().length];
    private final Resemblance[] resemblances = new Resemblance[NAMES.length];
    private final CodingList codings = new CodingList();
    private final LengthList lengths = new LengthList();
    private final ConnectionOptions connectionOptions = new ConnectionOptions();
    private final byte[] version = new byte[VERSION_BYTES];

    /** Whether any reason was found in this head: most heads are compliant, and cost nothing to classify. */
    private boolean anyFound;
    private @Nullable Verdict refusal;
    private boolean close;
    private int methodLength;
    private boolean get;
    private boolean head;
    private int versionLength;
    private int minorVersion;
    private Field field = Field.OTHER;
    private int nameFirst;
    private boolean nameStarted;
    /** The automata of {@link #resemblances} the name may still resemble, a bit each; none once it is settled. */
    private int resembled;
    private boolean nameSettled;
    private boolean upgradeAsked;

    RequestClassifier(DesyncPolicy policy) {
        this.policy = policy;
        for (int i = 0; i < NAMES.length; i++) {
            resemblances[i] = new Resemblance(NAMES[i]);
        }
        startHead();
    }

    DesyncPolicy policy() {
        return policy;
    }

    void startHead() {
        if (anyFound) {
            java.util.Arrays.fill(found, null);
            anyFound = false;
        }
        refusal = null;
        close = false;
        methodLength = 0;
        get = true;
        head = true;
        versionLength = 0;
        minorVersion = 1;
        codings.reset();
        lengths.reset();
        connectionOptions.reset();
        upgradeAsked = false;
    }

    /** Records a reason found in a slot; the policy decides whether it refuses or closes. */
    void report(Slot slot, DesyncReason reason) {
        anyFound = true;
        DesyncReason earlier = found[slot.ordinal()];
        if (earlier == null || reason.tier().compareTo(earlier.tier()) > 0) {
            found[slot.ordinal()] = reason;
        }
        switch (policy.action(reason)) {
            case REFUSE:
                refuse(reason.refusal());
                break;
            case CLOSE:
                close = true;
                break;
            default:
                break;
        }
    }

    /**
     * Records a reason, and refuses the request whatever the mode: albtarget could not follow where the server
     * ends this request and starts the next.
     */
    void reportUnfollowable(Slot slot, DesyncReason reason) {
        report(slot, reason);
        refuse(reason.refusal());
    }

    private void reportUnfollowable(DesyncReason reason) {
        reportUnfollowable(Slot.FRAMING, reason);
    }

    private void refuse(Verdict verdict) {
        if (refusal == null) {
            refusal = verdict;
        }
    }

    // the request line

    void methodByte(int b) {
        if (HttpChars.NAME[b] != HttpChars.FINE) {
            report(Slot.METHOD, DesyncReason.BAD_METHOD);
        }
        get &= methodLength < GET.length && GET[methodLength] == b;
        head &= methodLength < HEAD.length && HEAD[methodLength] == b;
        methodLength++;
    }

    void targetByte(int b) {
        byte kind = HttpChars.TARGET[b];
        if (kind == HttpChars.SPACE) {
            report(Slot.TARGET, DesyncReason.SPACE_IN_URI);
        } else {
            reportKind(kind, Slot.TARGET, DesyncReason.BAD_URI, DesyncReason.AMBIGUOUS_URI);
        }
    }

    /** Reports a byte of the class {@code kind} in an {@link HttpChars} table, with the slot's reason for it. */
    private void reportKind(byte kind, Slot slot, DesyncReason bad, DesyncReason nonCompliant) {
        if (kind == HttpChars.BAD) {
            report(slot, bad);
        } else if (kind == HttpChars.NON_COMPLIANT) {
            report(slot, nonCompliant);
        }
    }

    void versionByte(int b) {
        if (versionLength < VERSION_BYTES) {
            version[versionLength] = (byte) b;
        }
        versionLength++;
    }

    /** What was read as the version turned out to be part of the target: a space followed it. */
    void versionIsTarget() {
        for (int i = 0; i < Math.min(versionLength, VERSION_BYTES); i++) {
            targetByte(version[i] & 0xff);
        }
        versionLength = 0;
    }

    /**
     * Judges the version once the request line is over: {@code HTTP/1.0} and {@code HTTP/1.1} are fine,
     * {@code HTTP/1.2} to {@code HTTP/1.9}, a missing version (HTTP/0.9) or whitespace around it are
     * non-compliant, anything else is bad.
     *
     * @param blankAfter whether the line ended in whitespace after the version
     */
    void endRequestLine(boolean blankAfter) {
        int end = Math.min(versionLength, VERSION_BYTES);
        int start = 0;
        while (start < end && HttpChars.isBlank(version[start])) {
            start++;
        }
        while (end > start && HttpChars.isBlank(version[end - 1])) {
            end--;
        }
        boolean blanks = blankAfter || start > 0 || end < Math.min(versionLength, VERSION_BYTES);
        if (versionLength == 0 || end - start == 8 && isHttp(start, '0', '9')) {
            minorVersion = -1;
            report(Slot.VERSION, DesyncReason.NON_COMPLIANT_VERSION);
        } else if (versionLength > VERSION_BYTES || end - start != 8 || !isHttp(start, '1', '\0')) {
            report(Slot.VERSION, DesyncReason.BAD_VERSION);
        } else {
            minorVersion = version[start + 7] - '0';
            if (blanks || minorVersion > 1) {
                report(Slot.VERSION, DesyncReason.NON_COMPLIANT_VERSION);
            }
        }
    }

    /** Whether the 8 bytes from {@code start} are {@code HTTP/major.d}, with the minor digit {@code minor} if not NUL. */
    private boolean isHttp(int start, char major, char minor) {
        int last = version[start + 7];
        return version[start] == 'H' && version[start + 1] == 'T' && version[start + 2] == 'T'
                && version[start + 3] == 'P' && version[start + 4] == '/' && version[start + 5] == major
                && version[start + 6] == '.' && (minor == 0 ? last >= '0' && last <= '9' : last == minor);
    }

    // field lines

    void startField() {
        nameFirst = -1;
        nameStarted = false;
        nameSettled = false;
    }

    void nameByte(int b) {
        reportKind(HttpChars.NAME[b], Slot.FIELDS, DesyncReason.BAD_HEADER, DesyncReason.NON_COMPLIANT_HEADER);
        if (nameFirst < 0 && !HttpChars.isBlank(b)) {
            nameFirst = b;
        }
        if (nameSettled) {
            return;
        }
        if (nameStarted) {
            for (int left = resembled; left != 0; left &= left - 1) {
                int i = Integer.numberOfTrailingZeros(left);
                resemblances[i].accept(b);
                if (resemblances[i].isDistant()) {
                    resembled &= ~(1 << i);
                }
            }
        } else {
            // most names are told apart from every name that matters by their first byte: only the others run
            nameStarted = true;
            resembled = RESEMBLED_AFTER_FIRST_BYTE[b];
            for (int left = resembled; left != 0; left &= left - 1) {
                Resemblance resemblance = resemblances[Integer.numberOfTrailingZeros(left)];
                resemblance.reset();
                resemblance.accept(b);
            }
        }
        nameSettled = resembled == 0;
    }

    /**
     * Whether a name starting with this byte is settled by it: a token byte, after which the name can resemble none
     * of the names that matter. Of such a field, only the classes of its bytes are judged.
     */
    static boolean settlesName(int b) {
        return RESEMBLED_AFTER_FIRST_BYTE[b] == 0 && HttpChars.NAME[b] == HttpChars.FINE;
    }

    /** Whether more token bytes of the name can change nothing: it resembles none of the names that matter. */
    boolean nameSettled() {
        return nameSettled;
    }

    /**
     * The bytes that, fed next, would change nothing but by their own class (those {@link HttpChars#FINE} in the
     * table), or null while every byte counts: a feeder may skip a run of them.
     */
    byte @Nullable [] plainNameBytes() {
        return nameSettled ? HttpChars.NAME : null;
    }

    /**
     * Judges the name once its colon came: empty, resembling a framing field, or one the rules read the value of.
     *
     * @return what the field is; its value bytes matter to the rules only when it is not {@link Field#OTHER}
     */
    Field endName() {
        field = Field.OTHER;
        if (nameFirst < 0 || nameFirst == ':') {
            report(Slot.FIELDS, DesyncReason.EMPTY_HEADER);
            return field;
        }
        if (nameSettled) {
            return field;
        }
        Resemblance.Result te = result(TRANSFER_ENCODING_NAME);
        Resemblance.Result cl = te == Resemblance.Result.DISTANT ? result(CONTENT_LENGTH_NAME)
                : Resemblance.Result.DISTANT;
        if (te == Resemblance.Result.RESEMBLES || cl == Resemblance.Result.RESEMBLES) {
            report(Slot.FIELDS, DesyncReason.SUSPICIOUS_HEADER);
        } else if (te == Resemblance.Result.IDENTICAL) {
            field = Field.TRANSFER_ENCODING;
            codings.startField();
        } else if (cl == Resemblance.Result.IDENTICAL) {
            field = Field.CONTENT_LENGTH;
            lengths.startField();
        } else if (result(CONNECTION_NAME) == Resemblance.Result.IDENTICAL) {
            field = Field.CONNECTION;
            connectionOptions.startField();
        } else if (result(UPGRADE_NAME) == Resemblance.Result.IDENTICAL) {
            field = Field.UPGRADE;
            upgradeAsked = true;
        }
        return field;
    }

    /** How close the name is to the name that matters at {@code index} in {@link #NAMES}. */
    private Resemblance.Result result(int index) {
        return (resembled & 1 << index) != 0 ? resemblances[index].result() : Resemblance.Result.DISTANT;
    }

    /** Like {@link #plainNameBytes()}, for the value: every byte of a field that is not one of those that matter. */
    byte @Nullable [] plainValueBytes() {
        return field == Field.OTHER ? HttpChars.VALUE : null;
    }

    void valueByte(int b) {
        reportKind(HttpChars.VALUE[b], Slot.FIELDS, DesyncReason.BAD_HEADER, DesyncReason.NON_COMPLIANT_HEADER);
        switch (field) {
            case TRANSFER_ENCODING:
                codings.accept(b);
                break;
            case CONTENT_LENGTH:
                lengths.accept(b);
                break;
            case CONNECTION:
                connectionOptions.accept(b);
                break;
            default:
                break;
        }
    }

    /** Judges a field's value once its line ended, and what it means together with the fields before it. */
    void endField() {
        if (field == Field.OTHER) {
            return;
        }
        switch (field) {
            case TRANSFER_ENCODING:
                codings.endField();
                // every supported server reads chunked with empty elements around it as chunked: the guard follows
                if (codings.hasUnknown()) {
                    report(Slot.FRAMING, DesyncReason.BAD_TRANSFER_ENCODING);
                }
                if (codings.hasChunkedTwice()) {
                    report(Slot.FRAMING, DesyncReason.MULTIPLE_TRANSFER_ENCODING_CHUNKED);
                }
                if (codings.hasOtherCoding()) {
                    refuse(UNSUPPORTED_CODING);
                }
                if (!codings.isPlainChunked()) {
                    refuse(UNFOLLOWABLE_CODING);
                }
                framingTogether();
                break;
            case CONTENT_LENGTH:
                lengths.endField();
                if (lengths.isBad()) {
                    reportUnfollowable(DesyncReason.BAD_CONTENT_LENGTH);
                } else if (lengths.differ()) {
                    reportUnfollowable(DesyncReason.MULTIPLE_CONTENT_LENGTH);
                } else if (lengths.isRepeated()) {
                    reportUnfollowable(DesyncReason.DUPLICATE_CONTENT_LENGTH);
                }
                framingTogether();
                break;
            case CONNECTION:
                connectionOptions.endField();
                if (connectionOptions.namesFraming()) {
                    report(Slot.FRAMING, DesyncReason.FRAMING_HEADER_IN_CONNECTION);
                }
                break;
            default:
                break;
        }
        field = Field.OTHER;
    }

    private void framingTogether() {
        if (codings.present() && lengths.present()) {
            reportUnfollowable(DesyncReason.BOTH_TE_CL_PRESENT);
        }
    }

    /** Judges what the head means as a whole: a body on a method or version without one. */
    void endHead() {
        boolean coded = codings.present();
        boolean sized = lengths.present();
        if (minorVersion <= 0 && coded) {
            report(Slot.FRAMING, DesyncReason.TRANSFER_ENCODING_BEFORE_HTTP_1_1);
        } else if (minorVersion < 0 && sized) {
            report(Slot.FRAMING, DesyncReason.UNDEFINED_CONTENT_LENGTH_SEMANTICS);
        } else if (isBodiless()) {
            if (coded) {
                report(Slot.FRAMING, DesyncReason.UNDEFINED_TRANSFER_ENCODING_SEMANTICS);
            }
            long length = lengths.length();
            if (length == 0) {
                report(Slot.FRAMING, DesyncReason.GET_HEAD_ZERO_CONTENT_LENGTH);
            } else if (length > 0) {
                report(Slot.FRAMING, DesyncReason.UNDEFINED_CONTENT_LENGTH_SEMANTICS);
            }
        }
    }

    /** Counts the head's classification with the policy: once per head, by the layer that saw it first. */
    void record() {
        policy.record(classification());
    }

    private boolean isBodiless() {
        return get && methodLength == GET.length || head && methodLength == HEAD.length;
    }

    // results

    /** The first refusal in byte order, or null while the head may still be served. */
    @Nullable Verdict refusal() {
        return refusal;
    }

    /** Whether the connection must close after the response, as the ALB closes it after an Ambiguous request. */
    boolean closesConnection() {
        return close;
    }

    /** The request's classification: the highest tier found, the first found at that tier in the ALB's order. */
    DesyncReason classification() {
        DesyncReason worst = DesyncReason.COMPLIANT;
        if (!anyFound) {
            return worst;
        }
        for (DesyncReason reason : found) {
            if (reason != null && reason.tier().compareTo(worst.tier()) > 0) {
                worst = reason;
            }
        }
        return worst;
    }

    /** The body's length by Content-Length, 0 when there is none; meaningful only when nothing was refused. */
    long bodyLength() {
        return Math.max(0, lengths.length());
    }

    /** Whether the body is chunked; meaningful only when nothing was refused. */
    boolean isChunked() {
        return codings.present();
    }

    /** Whether the request asked to switch protocols (an Upgrade field). */
    boolean asksUpgrade() {
        return upgradeAsked;
    }

    static {
        for (int b = 0; b < 256; b++) {
            for (int i = 0; i < NAMES.length; i++) {
                Resemblance first = new Resemblance(NAMES[i]);
                first.accept(b);
                if (!first.isDistant()) {
                    RESEMBLED_AFTER_FIRST_BYTE[b] |= (byte) (1 << i);
                }
            }
        }
    }

    private static byte[] bytes(String word) {
        return word.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
