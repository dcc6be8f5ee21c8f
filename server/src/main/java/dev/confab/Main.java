package dev.confab;

import dev.confab.cli.ConfabCommand;

/** Entry point: {@code confab serve}, {@code confab admin …}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(ConfabCommand.run(args, System.getenv()));
    }
}
