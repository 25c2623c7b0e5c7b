package dev.mooring.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void fieldsAreQuotedOnlyWhenTheyMustBe() {
        assertThat(Csv.field("plain")).isEqualTo("plain");
        assertThat(Csv.field(null)).isEmpty();
        assertThat(Csv.field(42)).isEqualTo("42");
        assertThat(Csv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(Csv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(Csv.field("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(Csv.field("cr\rhere")).isEqualTo("\"cr\rhere\"");
        assertThat(Csv.field(Map.of("k", "v"))).isEqualTo("\"{\"\"k\"\":\"\"v\"\"}\"");
    }

    @Test
    void formulasAreNeutralised() {
        assertThat(Csv.field("=SUM(A1)")).isEqualTo("'=SUM(A1)");
        assertThat(Csv.field("+1")).isEqualTo("'+1");
        assertThat(Csv.field("-1")).isEqualTo("'-1");
        assertThat(Csv.field("@cmd")).isEqualTo("'@cmd");
        assertThat(Csv.field("=1,2")).isEqualTo("\"'=1,2\"");
        assertThat(Csv.field(-1)).as("numbers are numbers").isEqualTo("-1");
    }
}
