package io.albtarget.compat.contract;

/**
 * The entry point of the ALB contract's assertions, in AssertJ's style:
 * {@code assertThat(ContractTarget.local(port, settings)).answersHealthCheck().refusesHost("203.0.113.9")}.
 *
 * @since 0.1.0
 */
public final class AlbAssertions {

    private AlbAssertions() {
    }

    /** Assertions on this target. */
    public static AlbTargetAssert assertThat(ContractTarget target) {
        return new AlbTargetAssert(target);
    }
}
