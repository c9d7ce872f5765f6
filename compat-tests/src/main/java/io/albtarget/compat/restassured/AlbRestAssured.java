package io.albtarget.compat.restassured;

import io.albtarget.SuccessCodes;
import io.albtarget.compat.contract.ContractTarget;
import io.albtarget.internal.probe.AlbRequest;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.config.HttpClientConfig;
import io.restassured.specification.RequestSpecification;
import org.apache.http.client.HttpClient;
import org.apache.http.impl.client.DefaultHttpClient;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/**
 * rest-assured specifications of the ALB's requests to a target, and a status matcher for its success codes:
 *
 * <pre>{@code
 * given(AlbRestAssured.healthCheck(target)).get()
 *         .then().statusCode(AlbRestAssured.acceptedBy(target.settings().matcher()));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class AlbRestAssured {

    private AlbRestAssured() {
    }

    /**
     * The health checker's request: {@code GET} of the health-check path with the checker's headers, {@code Host}
     * (the target's IP address, with the port unless it is the default), {@code Connection: close},
     * {@code User-Agent: ELB-HealthChecker/2.0} and {@code Accept-Encoding: gzip, compressed}, and no other header
     * (rest-assured's own {@code Accept: *}{@code /*} and its decoders' {@code Accept-Encoding} are left out; the
     * order of the lines is the HTTP client's). A compressed body is not decoded.
     */
    public static RequestSpecification healthCheck(ContractTarget target) {
        String path = target.settings().healthCheckPath();
        int query = path.indexOf('?');
        RequestSpecBuilder spec = new RequestSpecBuilder()
                .setConfig(RestAssuredConfig.config()
                        .decoderConfig(DecoderConfig.decoderConfig().noContentDecoders())
                        .httpClient(HttpClientConfig.httpClientConfig()
                                .httpClientFactory(AlbRestAssured::clientWithoutAccept)))
                .setBaseUri(target.uri().getScheme() + "://" + target.uri().getHost())
                .setPort(target.uri().getPort())
                .setBasePath(query < 0 ? path : path.substring(0, query))
                .setUrlEncodingEnabled(false);
        if (query >= 0) {
            for (String parameter : path.substring(query + 1).split("&")) {
                int equals = parameter.indexOf('=');
                if (equals < 0) {
                    spec.addQueryParam(parameter);
                } else {
                    spec.addQueryParam(parameter.substring(0, equals), parameter.substring(equals + 1));
                }
            }
        }
        return spec.addHeader("Host", target.healthCheckHost())
                .addHeader("Connection", "close")
                .addHeader("User-Agent", AlbRequest.HEALTH_CHECKER)
                .addHeader("Accept-Encoding", "gzip, compressed")
                .build();
    }

    /**
     * An HTTP client that takes out the {@code Accept} header rest-assured adds to every request once its filters
     * have run; the health checker sends none. rest-assured builds on this (deprecated) client type.
     */
    @SuppressWarnings("deprecation")
    private static HttpClient clientWithoutAccept() {
        DefaultHttpClient client = new DefaultHttpClient();
        client.addRequestInterceptor((request, context) -> request.removeHeaders("Accept"));
        return client;
    }

    /**
     * An ordinary request as the ALB forwards it to the application path: the client's {@code Host}, and the
     * {@code X-Forwarded-For}, {@code X-Forwarded-Proto}, {@code X-Forwarded-Port} and {@code X-Amzn-Trace-Id} the
     * ALB adds.
     */
    public static RequestSpecification forwarded(ContractTarget target) {
        return new RequestSpecBuilder()
                .setBaseUri(target.uri().getScheme() + "://" + target.uri().getHost())
                .setPort(target.uri().getPort())
                .setBasePath(target.applicationPath())
                .addHeader("Host", target.healthCheckHost())
                .addHeader("X-Forwarded-For", "192.0.2.10")
                .addHeader("X-Forwarded-Proto", "http")
                .addHeader("X-Forwarded-Port", "80")
                .addHeader("X-Amzn-Trace-Id", "Root=1-67891233-abcdef012345678912345678")
                .build();
    }

    /** A status-code matcher for {@code statusCode(...)}: the codes the target group's matcher accepts. */
    public static Matcher<Integer> acceptedBy(SuccessCodes matcher) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Integer status) {
                return matcher.matches(status);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a code the target group's matcher " + matcher + " accepts");
            }

            @Override
            protected void describeMismatchSafely(Integer status, Description mismatch) {
                mismatch.appendText("was " + status + ": the ALB marks the target unhealthy,"
                        + " Target.ResponseCodeMismatch");
            }
        };
    }
}
