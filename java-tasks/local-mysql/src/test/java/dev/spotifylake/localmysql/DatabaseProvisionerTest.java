package dev.spotifylake.localmysql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatabaseProvisionerTest {

    @Test
    void quotesAPasswordForASingleQuotedSqlLiteral() {
        assertThat(DatabaseProvisioner.quoted("it's a \\ test")).isEqualTo("it''s a \\\\ test");
    }
}
