package io.albtarget.servlet.tomcat;

import io.albtarget.Answer;
import io.albtarget.Verdict;
import io.albtarget.internal.http.Refusal;
import io.albtarget.internal.http.RefusedRequestHeadException;
import jakarta.servlet.RequestDispatcher;
import java.nio.ByteBuffer;
import org.apache.coyote.Adapter;
import org.apache.coyote.Request;
import org.apache.coyote.Response;
import org.apache.tomcat.util.net.SocketEvent;

/**
 * Tomcat's adapter between its protocol and its containers, answering the requests the guard refused itself, so
 * that they look like every other albtarget refusal rather than like Tomcat's HTML error page.
 *
 * <p>Tomcat's HTTP/1.1 processor hands a request whose head could not be read to the adapter with the failure as
 * the {@code jakarta.servlet.error.exception} request attribute and an error status; the refusals of
 * {@link ChannelGuard} arrive that way as {@link RefusedRequestHeadException}s. Everything else goes to Tomcat's
 * own adapter. Thread-safe as Tomcat's adapter is.
 */
final class RefusalAdapter implements Adapter {

    private final Adapter tomcat;

    RefusalAdapter(Adapter tomcat) {
        this.tomcat = tomcat;
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof RefusedRequestHeadException refused) {
            long start = System.nanoTime();
            answer(response, refused.verdict());
            tomcat.log(request, response, System.nanoTime() - start);
            return;
        }
        tomcat.service(request, response);
    }

    private static void answer(Response response, Verdict verdict) throws java.io.IOException {
        Answer answer = Refusal.answer(verdict);
        response.setStatus(answer.status());
        answer.headers().forEach(response::setHeader);
        response.doWrite(ByteBuffer.wrap(answer.body()));
    }

    @Override
    public boolean prepare(Request request, Response response) throws Exception {
        return tomcat.prepare(request, response);
    }

    @Override
    public boolean asyncDispatch(Request request, Response response, SocketEvent status) throws Exception {
        return tomcat.asyncDispatch(request, response, status);
    }

    @Override
    public void log(Request request, Response response, long time) {
        tomcat.log(request, response, time);
    }

    @Override
    public void checkRecycled(Request request, Response response) {
        tomcat.checkRecycled(request, response);
    }

    @Override
    public String getDomain() {
        return tomcat.getDomain();
    }
}
