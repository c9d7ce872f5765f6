package io.albtarget;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A table of the project's README.md, for the tests that hold it to the code it documents. */
public final class ReadmeTable {

    private ReadmeTable() {
    }

    /** The rows under the header line and its separator, up to the first line that is no row. */
    public static List<String> rows(String header) throws IOException {
        List<String> readme = Files.readAllLines(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int at = readme.indexOf(header);
        assertThat(at).as("README.md has the table headed %s", header).isNotNegative();
        assertThat(readme.get(at + 1)).as("the separator under %s", header).matches("\\|(---\\|)+");
        return readme.stream().skip(at + 2L).takeWhile(line -> line.startsWith("| ")).toList();
    }
}
