package io.albtarget.internal.host;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.albtarget.TestRequest;
import io.albtarget.Verdict;
import io.albtarget.internal.Printable;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Fuzz targets for the Host parser and the request-target check: total on any input, and accepting exactly the
 * canonical forms. Every build replays the inputs under {@code HostPolicyFuzzTestInputs/<method>/} in the test
 * resources; TESTING.md says how to fuzz.
 */
class HostPolicyFuzzTest {

    /** Every address is in range, so an address literal is judged on its spelling alone. */
    private static final HostPolicy ANY_ADDRESS = HostPolicy.of(List.of(), List.of("0.0.0.0/0", "::/0"));
    private static final Set<Verdict> REASONS = HostPolicyPropertyTest.reasons();
    /** Not origin-form, and an '@' before the authority ends. */
    private static final Pattern USERINFO =
            Pattern.compile("(?s)(?!/)(?:[A-Za-z][A-Za-z0-9+.-]*://)?[^/?#]*@.*");

    @FuzzTest
    void hostHeader(byte[] input) {
        String host = new String(input, UTF_8);
        Verdict verdict = ANY_ADDRESS.judge(TestRequest.bare().header("Host", host).local("10.0.3.17", 8080));
        assertThat(verdict == Verdict.accept() || REASONS.contains(verdict)).as(Printable.of(host)).isTrue();
        assertThat(verdict == Verdict.accept()).as(Printable.of(host)).isEqualTo(CanonicalHost.isCanonical(host));
    }

    @FuzzTest
    void requestTarget(byte[] input) {
        String target = new String(input, UTF_8);
        Verdict expected = target.equals("*") || !USERINFO.matcher(target).matches() ? Verdict.accept()
                : HostPolicy.TARGET_USERINFO;
        assertThat(HostPolicy.judgeTarget(target)).as(Printable.of(target)).isSameAs(expected);
    }
}
