package io.albtarget.tls;

import static io.albtarget.tls.BackendPolicy.ELB_SECURITY_POLICY_2016_08;
import static io.albtarget.tls.BackendPolicy.ELB_SECURITY_POLICY_TLS13_1_0_2021_06;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.albtarget.AlbSettings;
import java.lang.reflect.Field;
import java.util.List;
import java.util.stream.Collectors;
import org.bouncycastle.tls.CipherSuite;
import org.junit.jupiter.api.Test;

class BackendPolicyTest {

    private static List<String> iana(List<BackendPolicy.Suite> suites) {
        return suites.stream().map(BackendPolicy.Suite::ianaName).collect(Collectors.toList());
    }

    @Test
    void policy2016HasTlsUpTo12AndTheEighteenSuitesOfTheAwsTable() {
        assertThat(ELB_SECURITY_POLICY_2016_08.policyName()).isEqualTo("ELBSecurityPolicy-2016-08");
        assertThat(ELB_SECURITY_POLICY_2016_08.protocols()).containsExactly("TLSv1", "TLSv1.1", "TLSv1.2");
        assertThat(ELB_SECURITY_POLICY_2016_08.suites()).hasSize(18);
        assertThat(ELB_SECURITY_POLICY_2016_08.suites().get(0))
                .hasToString("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 (ECDHE-ECDSA-AES128-GCM-SHA256, 0xC02B)");
        assertThat(ELB_SECURITY_POLICY_2016_08.suites().get(17))
                .hasToString("TLS_RSA_WITH_AES_256_CBC_SHA (AES256-SHA, 0x0035)");
        assertThat(iana(ELB_SECURITY_POLICY_2016_08.suites()))
                .noneMatch(n -> n.startsWith("TLS_DHE_") || n.contains("CHACHA20") || n.contains("3DES"));
    }

    @Test
    void policyTls13AddsTls13AndItsThreeSuites() {
        assertThat(ELB_SECURITY_POLICY_TLS13_1_0_2021_06.protocols())
                .containsExactly("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
        assertThat(iana(ELB_SECURITY_POLICY_TLS13_1_0_2021_06.suites())).hasSize(21)
                .startsWith("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256")
                .endsWith(iana(ELB_SECURITY_POLICY_2016_08.suites()).toArray(String[]::new));
    }

    @Test
    void suitesByProtocolFollowTheTable() {
        assertThat(iana(ELB_SECURITY_POLICY_2016_08.suitesFor("TLSv1"))).containsExactly(
                "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
                "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
                "TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_256_CBC_SHA");
        assertThat(ELB_SECURITY_POLICY_2016_08.suitesFor("TLSv1.2")).hasSize(18);
        assertThat(ELB_SECURITY_POLICY_2016_08.suitesFor("TLSv1.3")).isEmpty();
        assertThat(ELB_SECURITY_POLICY_TLS13_1_0_2021_06.suitesFor("TLSv1.3")).hasSize(3);
        BackendPolicy.Suite aes128 = ELB_SECURITY_POLICY_TLS13_1_0_2021_06.suites().get(0);
        assertThat(ELB_SECURITY_POLICY_TLS13_1_0_2021_06.protocolsFor(aes128)).containsExactly("TLSv1.3");
        assertThat(ELB_SECURITY_POLICY_2016_08.protocolsFor(aes128)).isEmpty();
    }

    @Test
    void codesAndIanaNamesAgreeWithBouncyCastle() throws IllegalAccessException {
        for (BackendPolicy.Suite suite : ELB_SECURITY_POLICY_TLS13_1_0_2021_06.suites()) {
            Field constant;
            try {
                constant = CipherSuite.class.getField(suite.ianaName());
            } catch (NoSuchFieldException e) {
                throw new AssertionError("BouncyCastle has no suite " + suite.ianaName(), e);
            }
            assertThat(constant.getInt(null)).as(suite.ianaName()).isEqualTo(suite.code());
        }
    }

    @Test
    void mapsFromTheSettingAndBack() {
        for (AlbSettings.TlsPolicy setting : AlbSettings.TlsPolicy.values()) {
            BackendPolicy policy = BackendPolicy.of(setting);
            assertThat(policy.setting()).isEqualTo(setting);
            assertThat(policy.policyName()).isEqualTo(setting.policyName()).isEqualTo(policy.toString());
        }
        assertThat(BackendPolicy.of(AlbSettings.defaults().tlsBackendPolicy())).isEqualTo(ELB_SECURITY_POLICY_2016_08);
    }

    @Test
    void listenerPolicyDecidesTheBackEndPolicy() {
        assertThat(BackendPolicy.forListenerPolicy("ELBSecurityPolicy-TLS13-1-2-2021-06"))
                .isEqualTo(ELB_SECURITY_POLICY_TLS13_1_0_2021_06);
        assertThat(BackendPolicy.forListenerPolicy("ELBSecurityPolicy-TLS13-1-3-2021-06"))
                .isEqualTo(ELB_SECURITY_POLICY_TLS13_1_0_2021_06);
        assertThat(BackendPolicy.forListenerPolicy("ELBSecurityPolicy-2016-08")).isEqualTo(ELB_SECURITY_POLICY_2016_08);
        assertThat(BackendPolicy.forListenerPolicy("ELBSecurityPolicy-TLS-1-2-2017-01"))
                .isEqualTo(ELB_SECURITY_POLICY_2016_08);
        assertThat(BackendPolicy.forListenerPolicy("ELBSecurityPolicy-FS-1-2-Res-2020-10"))
                .isEqualTo(ELB_SECURITY_POLICY_2016_08);
    }

    @Test
    void fipsAndForeignListenerPoliciesAreRefused() {
        assertThatThrownBy(() -> BackendPolicy.forListenerPolicy("ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the FIPS listener policy 'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04' makes the ALB offer"
                        + " ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04 to targets, which is not supported");
        assertThatThrownBy(() -> BackendPolicy.forListenerPolicy("TLS13"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'listenerPolicy' must be an ELBSecurityPolicy-* name, but was 'TLS13'");
    }
}
