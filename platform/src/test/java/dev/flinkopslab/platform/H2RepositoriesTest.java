package dev.flinkopslab.platform;

import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** The repositories on H2, the platform's default database (here in memory; the platform keeps it in a file). */
class H2RepositoriesTest extends RepositoriesContract {
    @Override
    DataSource dataSource() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:repositories;DB_CLOSE_DELAY=-1");
        return ds;
    }
}
