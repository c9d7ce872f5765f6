package io.albtarget.micronaut;

import io.albtarget.AlbTarget;
import io.albtarget.Answer;
import io.albtarget.Verdict;
import io.albtarget.health.AlbHealth;
import io.albtarget.health.Drain;
import io.albtarget.internal.http.Refusal;
import io.albtarget.netty.AlbNetty;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.netty.NettyHttpRequest;
import org.reactivestreams.Publisher;

/**
 * The server filter ahead of every other one, Micronaut Security's included.
 *
 * <p>A request on a connection with albtarget's Netty handlers around the codec ({@link NettyGuard}) has been judged
 * there, and a refusal answered on the wire in its place among pipelined requests; the filter judges the others (HTTP/2
 * streams, which Netty's HTTP/2 codec has parsed). A refused one gets the rule's status, reason and
 * {@code Connection: close}, as the Netty handlers answer it, and no route or other filter sees it. The filter
 * answers the ALB's health check itself. It counts the other requests in flight until their response publisher ends,
 * and while the target drains their responses close the connection.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
@Requires(beans = AlbTarget.class)
final class AlbServerFilter implements HttpServerFilter {

    private final AlbTarget target;

    AlbServerFilter(AlbTarget target) {
        this.target = target;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        Verdict verdict = judgedOnItsConnection(request) ? Verdict.accept()
                : target.judge(new MicronautRequestView(request));
        if (!verdict.isAccepted()) {
            return Publishers.just(response(Refusal.answer(verdict)));
        }
        String path = request.getPath();
        AlbHealth health = target.health();
        if (health.isHealthCheckPath(path) && health.isHealthCheck(request.getMethodName(), path,
                request.getHeaders().get(HttpHeaders.USER_AGENT))) {
            // indicators may take up to alb.health.deadline: not on the event loop, which serves other connections
            return Publishers.map(Publishers.fromCompletableFuture(health::answerLater),
                    AlbServerFilter::response);
        }
        Drain drain = target.drain();
        boolean closes = verdict.closesConnection();
        Publisher<MutableHttpResponse<?>> served = new InFlight<>(chain.proceed(request), drain);
        return Publishers.map(served, response -> closes || drain.closesConnections()
                ? response.header(HttpHeaders.CONNECTION, "close") : response);
    }

    private static boolean judgedOnItsConnection(HttpRequest<?> request) {
        return request instanceof NettyHttpRequest<?> netty
                && AlbNetty.judgesRequestsOf(netty.getChannelHandlerContext().channel());
    }

    private static MutableHttpResponse<?> response(Answer answer) {
        MutableHttpResponse<byte[]> response = HttpResponse.<byte[]>status(HttpStatus.valueOf(answer.status()))
                .body(answer.body());
        answer.headers().forEach(response::header);
        return response;
    }
}
