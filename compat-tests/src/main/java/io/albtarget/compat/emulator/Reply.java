package io.albtarget.compat.emulator;

import io.netty.handler.codec.http.FullHttpResponse;

/** Where a forwarded request's outcome goes: the target's response, or the status the emulator answers instead. */
interface Reply {

    /** The target's whole response; the receiver releases it. */
    void response(FullHttpResponse response);

    /** No usable response: the emulator answers {@code status} and records the reason. */
    void error(int status, String reason);
}
