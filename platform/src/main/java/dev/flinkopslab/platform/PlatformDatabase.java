package dev.flinkopslab.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one DataSource: H2 in a file under the data dir by default, or the database {@code --db-url} names. */
@Configuration(proxyBeanMethods = false)
class PlatformDatabase {
    @Bean
    DataSource dataSource(PlatformProperties props) {
        String url = props.jdbcUrl();
        if (props.dbUrl() == null || props.dbUrl().isBlank()) {
            try {
                Files.createDirectories(props.dataDir().resolve("db"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + props.dataDir().resolve("db"), e);
            }
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (props.dbUser() != null && !props.dbUser().isBlank()) {
            config.setUsername(props.dbUser());
        }
        if (props.dbPassword() != null && !props.dbPassword().isBlank()) {
            config.setPassword(props.dbPassword());
        }
        config.setMaximumPoolSize(8);
        config.setPoolName("platform");
        return new HikariDataSource(config);
    }
}
