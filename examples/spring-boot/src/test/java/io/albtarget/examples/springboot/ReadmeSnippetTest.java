package io.albtarget.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's contract-test example is this module's {@link ExampleIsAnAlbTargetIT}, so the build runs it. */
class ReadmeSnippetTest {

    @Test
    void theReadmeShowsTheContractTestThisBuildRuns() throws IOException {
        String test = Files.readString(Path.of("src/test/java/io/albtarget/examples/springboot/"
                + "ExampleIsAnAlbTargetIT.java"));
        String shown = test.substring(test.indexOf("@SpringBootTest")).strip();
        assertThat(shown.lines().count()).as("lines of the README's example").isLessThan(15);
        assertThat(Files.readString(Path.of("../../README.md"))).contains(shown);
    }
}
