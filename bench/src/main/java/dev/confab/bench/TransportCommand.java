package dev.confab.bench;

import picocli.CommandLine.Command;

/** Prints the Netty transport the generator uses on this machine (for the reports' settings). */
@Command(name = "transport", mixinStandardHelpOptions = true,
        description = "Print the generator's Netty transport here: io_uring, epoll or NIO.")
final class TransportCommand implements Runnable {
    @Override
    public void run() {
        System.out.println(Net.name());
    }
}
