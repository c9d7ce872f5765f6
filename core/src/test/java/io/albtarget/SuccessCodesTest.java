package io.albtarget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SuccessCodesTest {

    @Test
    void singleCode() {
        SuccessCodes codes = SuccessCodes.parse("202");
        assertThat(codes.matches(202)).isTrue();
        assertThat(codes.matches(200)).isFalse();
        assertThat(codes.healthyCode()).isEqualTo(202);
        assertThat(codes).hasToString("202");
    }

    @Test
    void listAnswersItsLowestCode() {
        SuccessCodes codes = SuccessCodes.parse("204, 200");
        assertThat(codes.matches(200)).isTrue();
        assertThat(codes.matches(204)).isTrue();
        assertThat(codes.matches(202)).isFalse();
        assertThat(codes.healthyCode()).isEqualTo(200);
        assertThat(codes).hasToString("204,200");
    }

    @Test
    void rangeIsInclusive() {
        SuccessCodes codes = SuccessCodes.parse("200-299");
        assertThat(codes.matches(199)).isFalse();
        assertThat(codes.matches(200)).isTrue();
        assertThat(codes.matches(299)).isTrue();
        assertThat(codes.matches(300)).isFalse();
        assertThat(codes.healthyCode()).isEqualTo(200);
        assertThat(codes).isEqualTo(SuccessCodes.parse("200 - 299"));
    }

    @Test
    void defaultIsTwoHundred() {
        assertThat(SuccessCodes.ofDefault()).isEqualTo(SuccessCodes.parse("200"));
        assertThat(SuccessCodes.ofDefault().healthyCode()).isEqualTo(200);
    }

    @Test
    void wholeAlbRangeIsAccepted() {
        assertThat(SuccessCodes.parse("200-499").matches(499)).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "abc      | 'abc' is not a three-digit code",
        "300-200  | the range starts above its end",
        "199      | from 200 to 499 only",
        "500      | from 200 to 499 only",
        "200-500  | from 200 to 499 only",
        "''       | it is empty",
        "'  '     | it is empty",
        "200,     | '' is not a three-digit code",
        "200,,202 | '' is not a three-digit code",
        "2000     | not a three-digit code",
        "200-     | not a three-digit code",
        "-200     | not a three-digit code",
        "200-250-299 | not a three-digit code",
        "200,202-204 | either a list or one range",
        "+20      | not a three-digit code",
        "20x      | not a three-digit code",
    })
    void garbageIsAClearError(String matcher, String why) {
        assertThatIllegalArgumentException().isThrownBy(() -> SuccessCodes.parse(matcher))
                .withMessageStartingWith("alb.health-check.matcher must be a code from 200 to 499, a list such as"
                        + " 200,202 or a range such as 200-299, but was '" + matcher + "'")
                .withMessageContaining(why);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000200", "２００"})
    void unprintableInputIsEscapedInTheMessage(String matcher) {
        assertThatIllegalArgumentException().isThrownBy(() -> SuccessCodes.parse(matcher))
                .withMessageContaining("\\u");
    }
}
