package io.albtarget.examples.springboot;

import io.albtarget.AlbSettings;
import io.albtarget.compat.contract.AlbContractTests;
import io.albtarget.compat.contract.ContractTarget;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "alb.idle-timeout=2s")
class ExampleIsAnAlbTargetIT extends AlbContractTests {
    @LocalServerPort
    int port;
    @Autowired
    AlbSettings settings;

    @Override
    protected ContractTarget target() {
        return ContractTarget.local(port, settings);
    }
}
