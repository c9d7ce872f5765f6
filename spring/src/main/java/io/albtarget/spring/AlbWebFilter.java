package io.albtarget.spring;

import io.albtarget.AlbTarget;
import io.albtarget.Answer;
import io.albtarget.Verdict;
import io.albtarget.health.AlbHealth;
import io.albtarget.health.Drain;
import io.albtarget.internal.http.Refusal;
import io.albtarget.netty.AlbNetty;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerRequest;

/**
 * albtarget's web filter on a WebFlux application served by Reactor Netty, ahead of every other one, Spring
 * Security's {@code WebFilterChainProxy} included.
 *
 * <p>A request on a connection with albtarget's Netty handlers around its codec has been judged there; the filter
 * judges the others (HTTP/2 streams, connections negotiated by ALPN) from Reactor Netty's parsed request, and
 * answers a refused one with the rule's status, reason and {@code Connection: close}. It answers the ALB's health
 * check itself, without waiting on the event loop for indicators ({@link AlbHealth#answerLater()}). Every other
 * request counts as in flight until its response completes or is cancelled, and while the target drains its
 * response closes the connection.
 */
final class AlbWebFilter implements WebFilter, Ordered {

    private final AlbTarget target;

    AlbWebFilter(AlbTarget target) {
        this.target = target;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        ServerHttpResponse response = exchange.getResponse();
        Verdict verdict = judge(ServerHttpRequestDecorator.getNativeRequest(request));
        if (!verdict.isAccepted()) {
            return write(response, Refusal.answer(verdict));
        }
        String path = request.getURI().getRawPath();
        AlbHealth health = target.health();
        if (health.isHealthCheckPath(path) && health.isHealthCheck(request.getMethod().name(), path,
                request.getHeaders().getFirst(HttpHeaders.USER_AGENT))) {
            return Mono.fromFuture(health::answerLater).flatMap(answer -> write(response, answer));
        }
        Drain drain = target.drain();
        boolean closes = verdict.closesConnection();
        response.beforeCommit(() -> {
            if (closes || drain.closesConnections()) {
                response.getHeaders().set(HttpHeaders.CONNECTION, "close");
            }
            return Mono.empty();
        });
        return Mono.defer(() -> {
            drain.requestStarted();
            return chain.filter(exchange).doFinally(signal -> drain.requestFinished());
        });
    }

    /**
     * The verdict on a request that has not been judged on its connection. The filter is registered only where
     * Reactor Netty serves the application; an exchange of another kind (a mock exchange in a test, no server)
     * has no bytes on any wire to judge.
     */
    private Verdict judge(Object nativeRequest) {
        if (!(nativeRequest instanceof HttpServerRequest reactor)
                || reactor instanceof Connection connection
                        && AlbNetty.judgesRequestsOf(connection.channel())) {
            return Verdict.accept();
        }
        return target.judge(new ReactorRequestView(reactor));
    }

    /** Writes an answer albtarget gives itself, a health answer or a refusal, with its own headers. */
    private static Mono<Void> write(ServerHttpResponse response, Answer answer) {
        response.setStatusCode(HttpStatusCode.valueOf(answer.status()));
        answer.headers().forEach(response.getHeaders()::set);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(answer.body())));
    }

    /** Ahead of every other web filter, Spring Security's included. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
