package io.raprelay.testing.mail;

import java.nio.file.Path;

/**
 * Runs {@link MailServer} as its own process, for the local run and the end-to-end tests:
 * {@code MailServerMain [smtpPort] [httpPort] [folder]} (defaults 2525, 8025, {@code mail}). Stops on SIGTERM or
 * Ctrl-C.
 */
public final class MailServerMain {

    private MailServerMain() {
    }

    public static void main(String[] args) throws Exception {
        int smtpPort = args.length > 0 ? Integer.parseInt(args[0]) : 2525;
        int httpPort = args.length > 1 ? Integer.parseInt(args[1]) : 8025;
        Path folder = Path.of(args.length > 2 ? args[2] : "mail");
        MailServer server = new MailServer(smtpPort, httpPort, folder);
        System.out.printf("Mail server ready: SMTP 127.0.0.1:%d, SMS %ssms, viewer %s, .eml files in %s%n",
                server.smtpPort(), server.url(), server.url(), folder.toAbsolutePath());
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "mail-server-shutdown"));
    }
}
