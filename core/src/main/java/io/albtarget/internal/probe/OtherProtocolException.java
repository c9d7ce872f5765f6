package io.albtarget.internal.probe;

import java.io.IOException;

/** The port answered in the other protocol: TLS to a plain-HTTP request, or plain HTTP to a TLS ClientHello. */
final class OtherProtocolException extends IOException {

    OtherProtocolException(String message) {
        super(message);
    }
}
