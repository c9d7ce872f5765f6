package io.albtarget.compat.contract;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The ALB's contract with a target, as JUnit 5 tests: extend this class, return the running application from
 * {@link #target()}, and each item runs against it over real sockets with the ALB's own bytes.
 *
 * <pre>{@code
 * class MyAppIsAnAlbTarget extends AlbContractTests {
 *     static final MyApp APP = MyApp.start(0);
 *
 *     @Override
 *     protected ContractTarget target() {
 *         return ContractTarget.local(APP.port(), AlbSettings.defaults());
 *     }
 * }
 * }</pre>
 *
 * <p>The class has one test instance for all its items, so the application may be started once in a field or a
 * {@code @BeforeAll} method; {@code target()} is asked by every item. The items are grouped by what the ALB needs; items that need a way to make a dependency hang or to
 * shut the application down are skipped, with a reason, unless the {@link ContractTarget} has it. The drain group
 * runs last: the application is shut down by it.
 *
 * @since 0.1.0
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
public abstract class AlbContractTests {

    private static final Duration MAX_SLACK = Duration.ofMillis(500);

    /**
     * The application under test, running; asked by every item, so it should return the same application each time
     * (start it once per class: the class has one test instance).
     */
    protected abstract ContractTarget target();

    /** The assertions on the application under test. */
    protected final AlbTargetAssert assertThatTarget() {
        return AlbAssertions.assertThat(target());
    }

    /** The health check as the ALB's health checker sends it. */
    @Nested
    @Order(1)
    @DisplayName("the ALB's health check")
    class HealthCheck {

        @Test
        @DisplayName("gets a code the matcher accepts, within the health-check timeout")
        void answersTheMatchersCode() {
            assertThatTarget().answersHealthCheck();
        }

        @Test
        @DisplayName("gets it with the Host form of the default port, the IP address alone")
        void answersWithTheAddressAlone() {
            assertThatTarget().answersHealthCheckWithHost(target().uri().getHost());
        }

        @Test
        @DisplayName("gets it within the timeout while a health dependency hangs")
        void answersWhileADependencyHangs() {
            assumeTrue(target().hangingDependency().isPresent(),
                    "give ContractTarget.withHangingDependency(...) to test health with a hanging dependency");
            assertThatTarget().answersHealthCheckWhileADependencyHangs();
        }
    }

    /** The Host header forms of the ALB's requests, and those no ALB sends. */
    @Nested
    @Order(2)
    @DisplayName("Host header")
    class HostHeader {

        @Test
        @DisplayName("the health checker's forms are served: the IP address, and the IP address with the port")
        void healthCheckerFormsAreServed() {
            assertThatTarget().acceptsHost(target().healthCheckHost())
                    .acceptsHost(target().uri().getHost());
        }

        @Test
        @DisplayName("a foreign address is refused with 400")
        void aForeignAddressIsRefused() {
            assertThatTarget().refusesHost("203.0.113.9");
        }

        @Test
        @DisplayName("a malformed Host is refused with 400")
        void aMalformedHostIsRefused() {
            assertThatTarget().refusesHost("127.0.0.1:80:80");
        }
    }

    /** Requests the ALB passes on whose framing servers read differently. */
    @Nested
    @Order(3)
    @DisplayName("framing and desync")
    class Framing {

        @ParameterizedTest(name = "{0}")
        @EnumSource(FramingCase.class)
        @DisplayName("refused with 400, or, where the ALB calls it Ambiguous, served on a connection then closed")
        void refusedOrClosed(FramingCase framing) {
            framing.assertMetBy(assertThatTarget());
        }
    }

    /** The connections the ALB keeps open for reuse. */
    @Nested
    @Order(4)
    @DisplayName("keep-alive")
    class KeepAlive {

        @Test
        @DisplayName("an idle connection stays open past the ALB's idle timeout")
        void idleConnectionsOutliveTheAlbsIdleTimeout() {
            // past the ALB's close by a little, not by the whole margin a target may keep
            Duration halfMargin = target().settings().keepAliveMargin().dividedBy(2);
            Duration slack = halfMargin.compareTo(MAX_SLACK) < 0 ? halfMargin : MAX_SLACK;
            assertThatTarget().keepsIdleConnectionsOpenPast(target().settings().idleTimeout().plus(slack));
        }
    }

    /** Responses as the ALB reads them. */
    @Nested
    @Order(5)
    @DisplayName("responses")
    class Responses {

        @Test
        @DisplayName("fit the ALB's 32 KiB header limit and carry exactly the body their Content-Length announces")
        void areFramedAsTheAlbReadsThem() {
            assertThatTarget().framesItsResponses();
        }
    }

    /** The target's shutdown as the ALB sees it. */
    @Nested
    @Order(Integer.MAX_VALUE)
    @DisplayName("drain on shutdown")
    class Drain {

        @Test
        @DisplayName("health fails first while requests are still served, then the application stops")
        void healthFailsFirst() {
            assumeTrue(target().shutdown().isPresent(),
                    "give ContractTarget.withShutdown(...) to test the drain");
            assertThatTarget().drainsWhenShutDown();
        }
    }
}
