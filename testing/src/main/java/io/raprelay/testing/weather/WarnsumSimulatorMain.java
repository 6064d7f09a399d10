package io.raprelay.testing.weather;

import java.nio.file.Path;
import java.time.Clock;

/**
 * Runs the warnsum simulator as its own process, for the local run: {@code WarnsumSimulatorMain [port] [script.json]}
 * (default 8191; without a script it serves {@code {}}, nothing in force). Stops on SIGTERM or Ctrl-C.
 */
public final class WarnsumSimulatorMain {

    private WarnsumSimulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8191;
        WarnsumSimulator simulator = new WarnsumSimulator(port, Clock.systemUTC());
        if (args.length > 1) {
            simulator.play(WarnsumSimulator.readScript(Path.of(args[1])));
        }
        System.out.printf("Warnsum simulator ready on %s%s%n", simulator.url(),
                args.length > 1 ? " playing " + args[1] : "");
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "warnsum-simulator-shutdown"));
    }
}
