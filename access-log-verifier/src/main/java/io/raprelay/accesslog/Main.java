package io.raprelay.accesslog;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The offline access-log verifier: checks a catalog database's access log against its chain key and its signed
 * checkpoints, without the catalog running; and creates the keys.
 *
 * <pre>
 * java -jar access-log-verifier-runner.jar verify --jdbc-url URL --user ROLE --chain-key FILE \
 *      --checkpoint-key FILE --checkpoints FILE      (password from PGPASSWORD)
 * java -jar access-log-verifier-runner.jar keys --dir FOLDER
 * </pre>
 *
 * Exit status: 0 intact, 1 not intact (the first bad entry is named), 2 wrong use or cannot read.
 */
public final class Main {

    static final String KEYS_USAGE = "java -jar access-log-verifier-runner.jar keys --dir FOLDER";
    private static final String USAGE = """
            Usage:
              verify --jdbc-url URL --user ROLE --chain-key FILE --checkpoint-key FILE --checkpoints FILE
                     (the password, if any, from the environment variable PGPASSWORD)
              keys --dir FOLDER   (creates access-log-chain.key, checkpoint-signing.pem, checkpoint-verify.pem)
            Exit status: 0 intact, 1 not intact, 2 wrong use or cannot read.""";

    /** Held, so that its level stays set: the validator's start-up notice is not the verifier's output. */
    private static final java.util.logging.Logger VALIDATOR_LOG = java.util.logging.Logger
            .getLogger("org.hibernate.validator");

    private Main() {
    }

    public static void main(String[] args) {
        VALIDATOR_LOG.setLevel(java.util.logging.Level.WARNING);
        System.exit(run(args, System.out, System.err, System.getenv("PGPASSWORD")));
    }

    /** Runs one command; what {@link #main} would exit with. */
    public static int run(String[] args, PrintStream out, PrintStream err, String password) {
        if (args.length == 0) {
            err.println(USAGE);
            return 2;
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                err.println("Unexpected argument " + args[i] + "\n" + USAGE);
                return 2;
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        try {
            return switch (args[0]) {
                case "verify" -> verify(options, out, password);
                case "keys" -> {
                    CheckpointSigner.createKeys(Path.of(required(options, "dir")));
                    out.println("Keys are in " + Path.of(options.get("dir")).toAbsolutePath());
                    yield 0;
                }
                default -> {
                    err.println("Unknown command " + args[0] + "\n" + USAGE);
                    yield 2;
                }
            };
        } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException | SQLException e) {
            err.println(e.getMessage());
            return 2;
        }
    }

    private static int verify(Map<String, String> options, PrintStream out, String password) throws SQLException {
        ChainVerifier verifier = new ChainVerifier(ChainKey.read(Path.of(required(options, "chain-key"))),
                CheckpointSigner.readPublicKey(Path.of(required(options, "checkpoint-key"))));
        List<io.raprelay.contracts.AccessLogCheckpointed> checkpoints = CheckpointFile
                .read(Path.of(required(options, "checkpoints")));
        ChainVerifier.Result result;
        try (Connection connection = DriverManager.getConnection(required(options, "jdbc-url"),
                required(options, "user"), password == null ? "" : password)) {
            result = JdbcAccessLog.verify(connection, verifier, checkpoints);
        }
        if (result.intact()) {
            out.printf("INTACT: %d entries, %d checkpoints checked (%d signed by another key, not checked)%n",
                    result.entriesChecked(), result.checkpointsChecked(), result.checkpointsIgnored());
            return 0;
        }
        out.printf("NOT INTACT: first bad entry %s: %s (%d entries held before it, %d checkpoints checked)%n",
                result.firstBadId() == null ? "(none: a checkpoint)" : result.firstBadId(), result.problem(),
                result.entriesChecked(), result.checkpointsChecked());
        return 1;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Missing --" + name + "\n" + USAGE);
        }
        return value;
    }
}
