package io.upshift.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether stdout is a terminal: watch redraws in place there, and prints plain lines to a pipe or a file. */
final class Terminal {

    private Terminal() {
    }

    static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // Java 22+: System.console() is no longer null when redirected; isTerminal() tells
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
