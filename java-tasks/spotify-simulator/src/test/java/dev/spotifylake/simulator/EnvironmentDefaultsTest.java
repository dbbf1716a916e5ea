package dev.spotifylake.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;

class EnvironmentDefaultsTest {
    @Test
    void anOptionReadsTheVariableNamedAfterItsLongName() {
        OptionSpec option = OptionSpec.builder("-w", "--reccobeats-rate-window-s").defaultValue("1").build();

        assertThat(EnvironmentDefaults.variable(option)).isEqualTo("SIMULATOR_RECCOBEATS_RATE_WINDOW_S");
    }
}
