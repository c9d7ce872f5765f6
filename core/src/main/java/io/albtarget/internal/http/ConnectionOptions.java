package io.albtarget.internal.http;

/**
 * The Connection fields of one request head: whether any names {@code content-length} or
 * {@code transfer-encoding} as a hop-by-hop field, which an intermediary honours by deleting that framing field
 * before forwarding, so that the next hop frames the body differently.
 *
 * <p>Fed one byte at a time. Not thread-safe.
 */
final class ConnectionOptions {

    private final Resemblance transferEncoding = new Resemblance(Resemblance.TRANSFER_ENCODING);
    private final Resemblance contentLength = new Resemblance(Resemblance.CONTENT_LENGTH);
    private boolean leading;
    private boolean trailingBlank;
    private boolean broken;
    private boolean namesFraming;

    void reset() {
        namesFraming = false;
    }

    void startField() {
        startElement();
    }

    void accept(int b) {
        if (b == ',') {
            endElement();
            startElement();
        } else if (HttpChars.isBlank(b)) {
            trailingBlank = !leading;
        } else {
            broken |= trailingBlank;
            leading = false;
            transferEncoding.accept(b);
            contentLength.accept(b);
        }
    }

    void endField() {
        endElement();
    }

    private void startElement() {
        leading = true;
        trailingBlank = false;
        broken = false;
        transferEncoding.reset();
        contentLength.reset();
    }

    private void endElement() {
        namesFraming |= !broken && (transferEncoding.result() == Resemblance.Result.IDENTICAL
                || contentLength.result() == Resemblance.Result.IDENTICAL);
    }

    boolean namesFraming() {
        return namesFraming;
    }
}
