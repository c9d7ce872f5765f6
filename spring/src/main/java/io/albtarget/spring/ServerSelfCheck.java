package io.albtarget.spring;

import io.albtarget.check.SelfCheck;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.web.server.WebServer;

/** Builds the self-check of one kind of embedded web server, knowing what its adapter can read from it. */
interface ServerSelfCheck {

    /** The self-check of a server that listens, or null when it is not of this adapter's kind. */
    @Nullable SelfCheck of(WebServer server);
}
