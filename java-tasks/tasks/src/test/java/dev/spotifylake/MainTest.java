package dev.spotifylake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.spotifylake.testing.Cli;

class MainTest {
    static final List<String> SUBCOMMANDS = List.of("extract-artists", "fetch-tracks-raw-json",
            "fetch-audio-features-raw-json", "flatten-to-parquet", "load-s3", "repair-athena-partitions", "load-dynamodb");

    @Test
    void helpListsTheSubcommandsAndTheExitCodes() {
        Cli cli = Cli.run("--help").ok();
        SUBCOMMANDS.forEach(cli::outContains);
        cli.outContains("Exit codes:").outContains("99  nothing to do");
    }

    @Test
    void helpFitsOnOneScreenWithOneLinePerSubcommandAndSaysWhereToReadMore() {
        String help = Cli.run("--help").ok().out();

        assertThat(help.lines().count()).as("lines of:%n%s", help).isLessThanOrEqualTo(30);
        assertThat(help.lines().filter(line -> line.startsWith("  ") && line.length() > 2 && line.charAt(2) != ' ')
                .map(line -> line.strip().split(" ")[0]))
                .as("each subcommand on one line of its own").containsSubsequence(SUBCOMMANDS)
                .contains("print-ddl", "compute-artist-similarity", "similar-artists");
        assertThat(help.lines()).allMatch(line -> line.length() <= 80, "at most 80 columns")
                .anyMatch(line -> line.contains("COMMAND --help") && line.contains("options"))
                .anyMatch(line -> line.contains("README.md and docs/"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"extract-artists", "fetch-tracks-raw-json", "fetch-audio-features-raw-json",
            "flatten-to-parquet", "load-s3", "repair-athena-partitions", "load-dynamodb"})
    void everySubcommandHelpExplainsDtAndTheExitCodes(String subcommand) {
        Cli.run(subcommand, "--help").ok()
                .outContains("--dt=YYYY-MM-DD")
                .outContains("--verbose")
                .outContains("2   failed, a retry cannot help");
    }

    @Test
    void versionNamesTheProduct() {
        assertThat(Cli.run("--version").ok().out()).startsWith("spotify-lake ");
    }

    @Test
    void aDateThatIsNotOnTheCalendarIsRefusedWithExitCode2AndOneLine() {
        Cli cli = Cli.run("load-s3", "--dt", "2026-02-30").exitCode(2)
                .errContains("'2026-02-30' is not a calendar date of the form YYYY-MM-DD");
        assertThat(cli.err()).doesNotContain("\tat ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"extract-artists", "fetch-tracks-raw-json", "fetch-audio-features-raw-json",
            "flatten-to-parquet", "load-s3", "repair-athena-partitions", "load-dynamodb", "compute-artist-similarity",
            "similar-artists"})
    void aDtAfterTodayIsRefusedWithExitCode2AndOneLine(String subcommand) {
        LocalDate tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);

        Cli cli = Cli.run(subcommand, "--dt", tomorrow.toString()).exitCode(2)
                .errContains("error: Invalid value for option '--dt': " + tomorrow + " is after today");
        assertThat(cli.err().lines().filter(line -> line.startsWith("error: "))).hasSize(1);
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void aMissingDtIsAUsageError() {
        Cli.run("extract-artists").exitCode(2).errContains("Missing required option: '--dt=YYYY-MM-DD'");
    }

    @Test
    void anUnknownSubcommandIsAUsageError() {
        Cli.run("fetch-everything", "--dt", "2026-11-20").exitCode(2).errContains("fetch-everything");
    }

    @Test
    void aMistypedSubcommandGetsTheNearestNameSuggested() {
        Cli.run("flatten-to-parqet", "--dt", "2026-11-20").exitCode(2).errContains("flatten-to-parquet");
    }

    @Test
    void theSubcommandIsFoundAfterTheTopLevelOptions() {
        Cli.run("--verbose", "load-s3", "--dt", "2026-02-30").exitCode(2)
                .errContains("'2026-02-30' is not a calendar date of the form YYYY-MM-DD");
    }

    @Test
    void noSubcommandIsAUsageError() {
        Cli.run().exitCode(2).errContains("Missing required subcommand");
    }
}
