package io.albtarget.servlet.jetty;

import io.albtarget.Verdict;
import io.albtarget.http.Refusal;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * The server's error handler, answering the requests a {@link GuardedEndPoint} refused in albtarget's format (the
 * verdict's status and reason on one line) instead of Jetty's error page; every other error goes to the handler
 * the server had.
 */
final class RefusalErrorHandler implements Request.Handler {

    private final Request.@Nullable Handler jetty;

    RefusalErrorHandler(Request.@Nullable Handler jetty) {
        this.jetty = jetty;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Connection connection = request.getConnectionMetaData().getConnection();
        Verdict verdict = connection != null && connection.getEndPoint() instanceof GuardedEndPoint guarded
                ? guarded.refusal() : null;
        if (verdict == null) {
            return jetty != null && jetty.handle(request, response, callback);
        }
        byte[] body = Refusal.body(verdict);
        response.setStatus(verdict.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Refusal.CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }
}
