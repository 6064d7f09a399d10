package io.raprelay.testing.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * The machine's real PostgreSQL server, named by environment ({@code RAPRELAY_PG_HOST}, {@code RAPRELAY_PG_PORT},
 * {@code RAPRELAY_PG_USER}, {@code RAPRELAY_PG_PASSWORD}; defaults 127.0.0.1, 5432, postgres, no password). Creates
 * fresh, uniquely named databases for test runs and drops them again.
 */
public final class PostgresServer {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String host;
    private final int port;
    private final String user;
    private final String password;

    public PostgresServer(String host, int port, String user, String password) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /** The server named by the {@code RAPRELAY_PG_*} environment variables. */
    public static PostgresServer fromEnvironment() {
        Map<String, String> env = System.getenv();
        return new PostgresServer(env.getOrDefault("RAPRELAY_PG_HOST", "127.0.0.1"),
                Integer.parseInt(env.getOrDefault("RAPRELAY_PG_PORT", "5432")),
                env.getOrDefault("RAPRELAY_PG_USER", "postgres"),
                env.getOrDefault("RAPRELAY_PG_PASSWORD", ""));
    }

    /**
     * Creates a new empty database named {@code rr_<purpose>_<timestamp>_<random>}.
     *
     * @throws IllegalStateException
     *             with instructions when the server cannot be reached
     */
    public String createDatabase(String purpose) {
        String name = "rr_" + purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_") + "_"
                + LocalDateTime.now().format(STAMP) + "_" + Integer.toHexString(RANDOM.nextInt(1 << 20));
        execute("CREATE DATABASE " + name);
        return name;
    }

    /** Drops a database created by {@link #createDatabase}, closing its remaining connections. */
    public void dropDatabase(String name) {
        if (!name.matches("rr_[a-z0-9_]+")) {
            throw new IllegalArgumentException("Refusing to drop a database this class did not create: " + name);
        }
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** A connection to one database; the caller closes it. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user, password);
    }

    /** A connection to one database as another role; the caller closes it. */
    public Connection connect(String database, String role, String rolePassword) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), role, rolePassword);
    }

    /** Sets a role's password (a test's or the local run's roles). */
    public void setPassword(String role, String rolePassword) {
        execute("ALTER ROLE \"" + role.replace("\"", "") + "\" PASSWORD '" + rolePassword.replace("'", "''") + "'");
    }

    /** Runs a SQL script from the classpath on one database as this server's user. */
    public void runScript(String database, String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No SQL script " + resource + " on the classpath");
            }
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
                statement.execute(script);
            }
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Could not run " + resource + " on " + database + ": " + e.getMessage(),
                    e);
        }
    }

    private void execute(String sql) {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            if ("08001".equals(e.getSQLState()) || "08004".equals(e.getSQLState()) || "28000".equals(e.getSQLState())
                    || "28P01".equals(e.getSQLState())) {
                throw new IllegalStateException(unreachableMessage(e), e);
            }
            throw new IllegalStateException("PostgreSQL refused '" + sql + "': " + e.getMessage(), e);
        }
    }

    private String unreachableMessage(SQLException e) {
        return "PostgreSQL is not reachable at " + host + ":" + port + " as user '" + user + "' (" + e.getMessage()
                + "). Tests need a real server: start the machine's cluster with "
                + "'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start', "
                + "or point RAPRELAY_PG_HOST, RAPRELAY_PG_PORT, RAPRELAY_PG_USER and RAPRELAY_PG_PASSWORD at one.";
    }
}
